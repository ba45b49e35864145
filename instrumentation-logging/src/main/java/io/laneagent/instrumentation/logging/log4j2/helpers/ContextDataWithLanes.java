package io.laneagent.instrumentation.logging.log4j2.helpers;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.LogLanes;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

/**
 * A Log4j2 event's context data with the lane and trace id of the work that logs it (see
 * {@link LogLanes}); keys the data has already (the application's own) win. Defined in Log4j2's class
 * loader (it names Log4j2's types).
 */
public final class ContextDataWithLanes {

  private ContextDataWithLanes() {}

  public static StringMap of(StringMap contextData) {
    Lanes lanes = LogLanes.current();
    if (lanes.isEmpty() || contextData == null) {
      return contextData;
    }
    String laneKey = LogLanes.laneKey(lanes);
    String traceIdKey = LogLanes.traceIdKey(lanes);
    boolean addLane = laneKey != null && !contextData.containsKey(laneKey);
    boolean addTraceId = traceIdKey != null && !contextData.containsKey(traceIdKey);
    if (!addLane && !addTraceId) {
      return contextData;
    }
    // A frozen map is the ThreadContext's own copy-on-write snapshot, shared with other events: copied.
    StringMap data = contextData.isFrozen() ? new SortedArrayStringMap(contextData) : contextData;
    if (addLane) {
      data.putValue(laneKey, lanes.lane());
    }
    if (addTraceId) {
      data.putValue(traceIdKey, lanes.traceId());
    }
    return data;
  }
}
