package io.laneagent.instrumentation.kafka.isolation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One partition read again from an earlier offset, after lanes lost their consumers: below {@link #end}
 * (where this pod had read to) the base pod takes only the records of those lanes that their group had not
 * processed — from the lane group's committed offset up to where this pod had started to take that lane's
 * records itself. Everything else below {@code end} was processed already (here, or by a lane group that is
 * still live) and is skipped.
 */
final class HandOverWindow {

  final long end;
  /** lane → {from, upTo}. */
  private final Map<String, long[]> lanes = new LinkedHashMap<>();

  HandOverWindow(long end) {
    this.end = end;
  }

  void add(String lane, long from, long upTo) {
    lanes.put(lane, new long[] {from, upTo});
  }

  /** Where reading restarts: the lowest lane-group offset. */
  long start() {
    long start = end;
    for (long[] range : lanes.values()) {
      start = Math.min(start, range[0]);
    }
    return start;
  }

  boolean has(String lane) {
    return lanes.containsKey(lane);
  }

  /** A lane got a live group again: it takes its own records; this window still skips the rest below end. */
  void remove(String lane) {
    lanes.remove(lane);
  }

  /** Whether the record at {@code offset} with {@code lane} is one this pod must process now. */
  boolean takes(String lane, long offset) {
    long[] range = lane == null ? null : lanes.get(lane);
    return range != null && offset >= range[0] && offset < range[1];
  }

  String describe() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, long[]> entry : lanes.entrySet()) {
      out.append(out.length() == 0 ? "" : ", ").append(entry.getKey()).append(" [").append(entry.getValue()[0])
          .append(", ").append(entry.getValue()[1]).append(')');
    }
    return out.toString();
  }
}
