package io.laneagent.bootstrap;

/**
 * What outbound advice walks through: the lane headers one outbound call must carry (the current
 * work's lanes, else the own lane), one at a time. The advice itself checks whether the request already
 * has the header — only it can read the client's request type — and either writes it ({@link #injected})
 * or leaves the application's own ({@link #keptApplicationHeader}); it never overwrites one.
 *
 * <pre>{@code
 * for (OutboundHeaders out = OutboundHeaders.start("OkHttp"); out != null && out.next(); ) {
 *   if (request.header(out.name()) != null) { out.keptApplicationHeader(); }
 *   else { builder.header(out.name(), out.value()); out.injected(); }
 * }
 * }</pre>
 */
public final class OutboundHeaders {

  private final String client;
  private final String[] names;
  private final Lanes lanes;
  private int index = -1;

  private OutboundHeaders(String client, String[] names, Lanes lanes) {
    this.client = client;
    this.names = names;
    this.lanes = lanes;
  }

  /** The headers to send now, or null when there is nothing to send (no lane and no own lane). */
  public static OutboundHeaders start(String client) {
    Lanes lanes = LaneContext.outgoing();
    return lanes.isEmpty() ? null : new OutboundHeaders(client, LaneSettings.current().headers(), lanes);
  }

  /**
   * The headers a reactive client sends now: the lanes of the chain ({@code inContext}, the value of
   * {@link ReactiveLanes#CONTEXT_KEY} in the subscriber's Reactor context, or null), else the current
   * ones, else the own lane. Null when there is nothing to send.
   */
  public static OutboundHeaders start(String client, Object inContext) {
    Lanes lanes = ReactiveLanes.outgoing(inContext);
    return lanes.isEmpty() ? null : new OutboundHeaders(client, LaneSettings.current().headers(), lanes);
  }

  /**
   * Only the lanes current on this thread, without the own lane: for a request object built before
   * its transport knows which reactive chain it belongs to (WebClient's {@code ClientRequest}); the
   * transport adds the chain's lanes or the own lane. Null when there is nothing to send.
   */
  public static OutboundHeaders startCurrentOnly(String client) {
    Lanes lanes = LaneContext.current();
    return lanes.isEmpty() ? null : new OutboundHeaders(client, LaneSettings.current().headers(), lanes);
  }

  /** Moves to the next header that has a value; false when there is none left. */
  public boolean next() {
    while (++index < names.length) {
      if (lanes.get(index) != null) {
        return true;
      }
    }
    return false;
  }

  /** The current header's name, lower case. */
  public String name() {
    return names[index];
  }

  /** The current header's value: validated, so it is safe on the wire. */
  public String value() {
    return lanes.get(index);
  }

  /** The advice wrote the current header (debug trace). */
  public void injected() {
    if (LaneLog.isDebug()) {
      LaneLog.debug("outbound " + client + " on " + Thread.currentThread().getName() + ": " + name() + "=" + value());
    }
  }

  /** The request had the current header already: the application's value stays (debug trace). */
  public void keptApplicationHeader() {
    if (LaneLog.isDebug()) {
      LaneLog.debug("outbound " + client + ": kept the application's own '" + name() + "' header");
    }
  }
}
