package io.laneagent.instrumentation.kafka.isolation;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What the broker said at one check about the lane groups of one base group: the lanes whose group has
 * members (live), and the lanes whose group exists without members (dead) with that group's committed
 * offsets. Lanes with no group at all are in neither. Immutable; replaced at every check.
 */
final class LaneSnapshot {

  /** Before the first check answered: no lane is live, so the base pods take everything (at-least-once). */
  static final LaneSnapshot NONE_LIVE = new LaneSnapshot(0, Collections.<String>emptySet(),
      Collections.<String, Map<TopicPartition, Long>>emptyMap());

  final long version;
  final Set<String> live;
  final Map<String, Map<TopicPartition, Long>> dead;

  LaneSnapshot(long version, Set<String> live, Map<String, Map<TopicPartition, Long>> dead) {
    this.version = version;
    this.live = Collections.unmodifiableSet(live);
    this.dead = Collections.unmodifiableMap(dead);
  }

  boolean isLive(String lane) {
    return live.contains(lane);
  }

  /** The dead lane group's committed offset on {@code partition}, or null (not a dead lane, or no offset there). */
  Long deadOffset(String lane, TopicPartition partition) {
    Map<TopicPartition, Long> offsets = dead.get(lane);
    return offsets == null ? null : offsets.get(partition);
  }
}
