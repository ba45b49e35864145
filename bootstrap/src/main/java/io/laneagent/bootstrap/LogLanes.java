package io.laneagent.bootstrap;

import java.util.Map;

/**
 * What a log event created now is tagged with ({@code lane.mdc}): the lane of the work that logs it — the
 * current one, else the own lane — under {@link LaneSettings#mdcLaneKey()}, and the trace id it came with
 * under {@link LaneSettings#mdcTraceIdKey()}. Logging advice calls this while the event is created, on the
 * thread that logs: an asynchronous appender later sees that thread's values, and the MDC thread-local is
 * never touched (nothing can be left behind on a pooled thread). A key the application put itself wins.
 */
public final class LogLanes {

  private LogLanes() {}

  /** The lanes a log event created now is tagged with: the current work's, else the own lane; EMPTY for none. */
  public static Lanes current() {
    return LaneContext.outgoing();
  }

  /**
   * {@code mdc} (a log event's own MDC copy, null for none) with the lane and trace id of {@code lanes}
   * where it lacks those keys: a read-only view over it, or {@code mdc} itself when there is nothing to add.
   */
  public static Map<String, String> withLanes(Map<String, String> mdc, Lanes lanes) {
    if (lanes.isEmpty()) {
      return mdc;
    }
    LaneSettings settings = LaneSettings.current();
    String lane = lanes.lane();
    String laneKey = lane != null && (mdc == null || !mdc.containsKey(settings.mdcLaneKey())) ? settings.mdcLaneKey() : null;
    String traceId = lanes.traceId();
    String traceIdKey = traceId != null && (mdc == null || !mdc.containsKey(settings.mdcTraceIdKey()))
        ? settings.mdcTraceIdKey() : null;
    if (laneKey == null && traceIdKey == null) {
      return mdc;
    }
    return new MdcWithLanes(mdc, laneKey, lane, traceIdKey, traceId);
  }

  /** The key for the lane, or null when {@code lanes} has none to add (for maps that are not java.util.Maps). */
  public static String laneKey(Lanes lanes) {
    return lanes.lane() == null ? null : LaneSettings.current().mdcLaneKey();
  }

  /** The key for the trace id, or null when {@code lanes} has none. */
  public static String traceIdKey(Lanes lanes) {
    return lanes.traceId() == null ? null : LaneSettings.current().mdcTraceIdKey();
  }
}
