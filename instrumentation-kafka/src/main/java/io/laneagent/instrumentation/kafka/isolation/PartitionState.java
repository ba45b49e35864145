package io.laneagent.instrumentation.kafka.isolation;

import java.util.HashMap;
import java.util.Map;

/** What one isolated consumer knows of one of its partitions. Touched by the consumer's thread only. */
final class PartitionState {

  /** The offset after the last record read (taken or not); -1 before the first. */
  long readEnd = -1;
  /** The offset after the last record the application got; -1 before the first. */
  long handedEnd = -1;
  /** The highest offset committed for it (by the application, or by the agent for skipped records); -1: none. */
  long committed = -1;
  /** A hand-over in progress, or null. */
  HandOverWindow window;
  /**
   * Dead lane → the offset from which this consumer takes that lane's records as a base pod (the first it
   * read knowing the lane had no live group). Below it, the lane group's own offsets tell what is missing.
   */
  final Map<String, Long> takingFrom = new HashMap<>();
  /** Dead lane → offsets of its records processed here: processed twice if the lane group comes back before them. */
  final Map<String, OffsetLog> takenDead = new HashMap<>();

  void tookDeadLane(String lane, long offset) {
    OffsetLog log = takenDead.get(lane);
    if (log == null) {
      log = new OffsetLog();
      takenDead.put(lane, log);
    }
    log.add(offset);
  }
}
