package io.laneagent.bootstrap;

/**
 * What outbound advice walks through: the headers one outbound call must carry — the current work's
 * lanes (else the own lane), the trace headers it came with, baggage — one name at a time. For each, the
 * advice reads the request's own value of that header (only it can read the client's request type) and
 * asks {@link #valueGiven}: the value to set (replacing what was there), or null to leave the request
 * alone. The application's own header always wins; the agent never writes a header twice.
 *
 * <pre>{@code
 * for (OutboundHeaders out = OutboundHeaders.start("OkHttp"); out != null && out.next(); ) {
 *   String value = out.valueGiven(request.header(out.name()));
 *   if (value != null) { builder.header(out.name(), value); }
 * }
 * }</pre>
 *
 * <p>The walk goes, in order: the lane headers and the trace headers that are not trace context
 * ({@code x-request-id}); then, when trace context came in, every trace-context header name as a
 * <em>probe</em> — if the request has any of them, a tracer in the application or another agent wrote
 * its own trace context, and ours steps aside as a group (never a mixed or doubled trace context); then
 * our trace-context headers; then {@code baggage}, merged with the request's own.
 */
public final class OutboundHeaders {

  private static final int LANES_AND_PLAIN = 0;
  private static final int PROBES = 1;
  private static final int TRACE_CONTEXT = 2;
  private static final int BAGGAGE = 3;
  private static final int DONE = 4;

  private final String client;
  private final LaneSettings settings;
  private final String[] names;
  private final Lanes lanes;
  private final boolean transport;
  private int phase = LANES_AND_PLAIN;
  /** Where the walk is in the current phase's list; {@link #index}: the carried header it stands on. */
  private int position = -1;
  private int index = -1;
  private String name;
  private boolean tracerWroteTraceContext;
  /** Whether the work carries any trace-context header: decided once, when the walk reaches the probes. */
  private boolean carriesTraceContext;
  /** For {@link LaneCounters}: headers written, and headers the request had already; counted once, at the end. */
  private int injected;
  private int kept;

  private OutboundHeaders(String client, Lanes lanes, boolean transport) {
    this.client = client;
    this.settings = LaneSettings.current();
    this.names = settings.carried();
    this.lanes = lanes;
    this.transport = transport;
  }

  /**
   * The headers a transport (the client that puts the request on the wire: HttpURLConnection, OkHttp, …)
   * sends now, or null when there is nothing to send (no lane and no own lane).
   */
  public static OutboundHeaders start(String client) {
    Lanes lanes = LaneContext.outgoing();
    return lanes.isEmpty() ? null : new OutboundHeaders(client, lanes, true);
  }

  /**
   * For a client above a transport (Feign's template, Spring's {@code ClientHttpRequest}): the lanes and
   * plain trace headers ({@code x-request-id}) only. The trace context and baggage are left to the
   * transport underneath, where a tracer's own headers (written by a client interceptor, between the two)
   * are already on the request: a tracer in the application gets its trace context alone.
   */
  public static OutboundHeaders startAboveTransport(String client) {
    Lanes lanes = LaneContext.outgoing();
    return lanes.isEmpty() ? null : new OutboundHeaders(client, lanes, false);
  }

  /**
   * The headers a reactive client sends now: the lanes of the chain ({@code inContext}, the value of
   * {@link ReactiveLanes#CONTEXT_KEY} in the subscriber's Reactor context, or null), else the current
   * ones, else the own lane. Null when there is nothing to send.
   */
  public static OutboundHeaders start(String client, Object inContext) {
    Lanes lanes = ReactiveLanes.outgoing(inContext);
    return lanes.isEmpty() ? null : new OutboundHeaders(client, lanes, true);
  }

  /**
   * Only the lanes current on this thread, without the own lane, above the transport (see
   * {@link #startAboveTransport}): for a request object built before its transport knows which reactive
   * chain it belongs to (WebClient's {@code ClientRequest}); the transport adds the chain's lanes or the
   * own lane, and the trace context. Null when there is nothing to send.
   */
  public static OutboundHeaders startCurrentOnly(String client) {
    Lanes lanes = LaneContext.current();
    return lanes.isEmpty() ? null : new OutboundHeaders(client, lanes, false);
  }

  /** Moves to the next header name to look at; false when there is none left. */
  public boolean next() {
    while (phase != DONE) {
      if (advanceInPhase()) {
        return true;
      }
      // only transports walk on past the lanes: the trace context and baggage are theirs
      phase = transport ? phase + 1 : DONE;
      position = -1;
      if (phase == DONE) {
        LaneCounters.outbound(client, injected, kept);
      }
    }
    return false;
  }

  private boolean advanceInPhase() {
    switch (phase) {
      case LANES_AND_PLAIN:
        return nextWithValue(settings.plainIndexes());
      case PROBES:
        String[] probes = settings.traceContextProbes();
        if (position < 0) {
          carriesTraceContext = carriesTraceContext();
          tracerWroteTraceContext = carriesTraceContext && TracingAgents.writeTraceContext();
        }
        if (tracerWroteTraceContext || !carriesTraceContext || ++position >= probes.length) {
          return false;
        }
        name = probes[position];
        return true;
      case TRACE_CONTEXT:
        return !tracerWroteTraceContext && carriesTraceContext && nextWithValue(settings.traceContextIndexes());
      case BAGGAGE:
        int baggage = settings.baggageIndex();
        if (position >= 0 || baggage < 0 || (lanes.lane() == null && lanes.get(baggage) == null)) {
          return false;
        }
        position = 0;
        index = baggage;
        name = LaneSettings.BAGGAGE;
        return true;
      default:
        return false;
    }
  }

  /** The next of {@code indexes} whose header has a value here. */
  private boolean nextWithValue(int[] indexes) {
    while (++position < indexes.length) {
      if (lanes.get(indexes[position]) != null) {
        index = indexes[position];
        name = names[index];
        return true;
      }
    }
    return false;
  }

  private boolean carriesTraceContext() {
    for (int i : settings.traceContextIndexes()) {
      if (lanes.get(i) != null) {
        return true;
      }
    }
    return false;
  }

  /** The current header's name, lower case. */
  public String name() {
    return name;
  }

  /**
   * The value to set for the current header, given the request's own value ({@code existing}, null when it
   * has none): null means "leave the request as it is". Values are validated, so they are safe on the wire.
   */
  public String valueGiven(String existing) {
    switch (phase) {
      case PROBES:
        if (existing != null) {
          tracerWroteTraceContext = true;
          if (settings.debug()) {
            LaneLog.debug("outbound " + client + ": the request has its own trace context ('" + name
                + "'); the agent adds none of its trace-context headers");
          }
        }
        return null;
      case BAGGAGE:
        return baggageGiven(existing);
      default:
        if (existing != null) {
          // the same value is no choice of the application's: a nested call of the same client (one
          // HttpURLConnection request enters getInputStream, then connect) or an application that forwards
          if (!existing.equals(lanes.get(index))) {
            kept++;
          }
          if (settings.debug()) {
            LaneLog.debug("outbound " + client + ": kept the application's own '" + name + "' header");
          }
          return null;
        }
        String value = lanes.get(index);
        injected++;
        if (settings.debug()) {
          LaneLog.debug("outbound " + client + " on " + Thread.currentThread().getName() + ": " + name + "=" + value);
        }
        return value;
    }
  }

  /**
   * The lane as a member of {@code baggage}: the application's own baggage (with its own lane member, if
   * it has one) wins; else the baggage the request came with, with the lane member set to the lane this
   * call carries (so a client's baggage lane never outlives an edge's own lane).
   */
  private String baggageGiven(String existing) {
    String laneHeader = settings.headers()[0];
    String lane = lanes.lane();
    String merged;
    if (existing != null) {
      if (lane == null) {
        return null;
      }
      String member = Baggage.member(existing, laneHeader);
      if (member != null) {
        if (!member.equals(lane)) {
          kept++;
        }
        return null;
      }
      merged = Baggage.withMember(existing, laneHeader, lane);
    } else {
      merged = Baggage.withMember(lanes.get(settings.baggageIndex()), laneHeader, lane);
    }
    if (merged != null) {
      injected++;
    }
    if (merged != null && settings.debug()) {
      LaneLog.debug("outbound " + client + " on " + Thread.currentThread().getName() + ": baggage=" + merged);
    }
    return merged;
  }
}
