package io.laneagent.bootstrap;

/**
 * What outbound advice asks: which headers to write and with which values. The advice itself checks
 * whether the application already set a header (only it can read the client's request type) and
 * never overwrites one.
 */
public final class OutboundLanes {

  private OutboundLanes() {}

  /** Configured header names, lower case, aligned with {@link Lanes#get}. Do not modify. */
  public static String[] headers() {
    return LaneSettings.current().headers();
  }

  /** The lanes to send now: the current work's, else the own lane; {@link Lanes#EMPTY} for none. */
  public static Lanes toSend() {
    return LaneContext.outgoing();
  }

  /** Debug trace of one header written by the agent. */
  public static void injected(String client, String header, String value) {
    if (LaneLog.isDebug()) {
      LaneLog.debug("outbound " + client + " on " + Thread.currentThread().getName() + ": " + header + "=" + value);
    }
  }

  /** Debug trace of a header left alone because the application set it. */
  public static void keptApplicationHeader(String client, String header) {
    if (LaneLog.isDebug()) {
      LaneLog.debug("outbound " + client + ": kept the application's own '" + header + "' header");
    }
  }
}
