package io.laneagent.instrumentation.kafka.isolation;

import io.laneagent.bootstrap.LaneCounters;
import io.laneagent.bootstrap.LaneLog;
import io.laneagent.bootstrap.Lanes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Lane isolation for one consumer. A consumer in a lane pod (own lane L, not the base lane) is in the group
 * {@code <group>_L} and hands the application only the records of lane L. A consumer in a base pod is in
 * {@code <group>} and hands it the records without a lane, those of the base lane, and those of every lane
 * that has no live group ({@link LiveLaneChecker}); when a lane's group dies, it reads the partitions it owns
 * again from that group's committed offsets and takes the lane's records it had skipped
 * ({@link HandOverWindow}), so that none is lost.
 *
 * <p>The records kept from the application are committed like the others: with auto commit the client commits
 * its positions anyway; without, the agent commits the offset after a run of skipped records once the
 * application has committed everything it was given before them (at most once a second, on the consumer's
 * own thread, asynchronously).
 *
 * <p>A consumer is used by one thread at a time (the client enforces it), so this state is not synchronised;
 * only {@link #laneProgress} is read by the checker's thread.
 */
final class IsolatedConsumer {

  private static final long AGENT_COMMIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long FIRST_CHECK_TIMEOUT_MILLIS = 15_000;

  final String group;
  /** The consumer's own lane in a lane pod; null in a base pod. */
  final String ownLane;
  final String baseLane;
  private final boolean autoCommit;
  private final Map<String, Object> adminConfig;
  private final long checkMillis;

  private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
  private LiveLaneChecker checker;
  /** Where the lane snapshots come from: the checker, or a test's. */
  private Snapshots snapshots;
  private LaneSnapshot seen = LaneSnapshot.NONE_LIVE;
  private boolean started;
  private long lastAgentCommit = System.nanoTime() - AGENT_COMMIT_EVERY_NANOS;

  /** Dead lane → partition → the offset below which this consumer has that lane's records processed. */
  private volatile Map<String, Map<TopicPartition, Long>> laneProgress = Collections.emptyMap();

  IsolatedConsumer(String group, String ownLane, String baseLane, boolean autoCommit, Map<String, Object> adminConfig,
      long checkMillis) {
    this.group = group;
    this.ownLane = ownLane;
    this.baseLane = baseLane;
    this.autoCommit = autoCommit;
    this.adminConfig = adminConfig;
    this.checkMillis = checkMillis;
  }

  boolean isBase() {
    return ownLane == null;
  }

  String groupJoined() {
    return isBase() ? group : LaneGroups.laneGroup(group, ownLane);
  }

  /** On the consumer's thread, before {@code poll}: the hand-overs the last check calls for, and skipped-record commits. */
  void beforePoll(Consumer<?, ?> consumer) {
    if (!started) {
      started = true;
      start();
    }
    partitions.keySet().retainAll(consumer.assignment());
    if (isBase()) {
      LaneSnapshot snapshot = snapshots.snapshot();
      if (snapshot != seen) {
        onNewSnapshot(snapshot);
      }
      for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
        if (entry.getValue().window == null) {
          startHandOver(consumer, entry.getKey(), entry.getValue());
        }
      }
      publishProgress();
    }
    if (!autoCommit) {
      commitSkipped(consumer);
    }
  }

  /** For tests: no broker, the snapshots come from {@code source}. */
  void startWith(Snapshots source) {
    started = true;
    snapshots = source;
  }

  /** What the broker said last about the lane groups. */
  interface Snapshots {
    LaneSnapshot snapshot();
  }

  /** Lane pods make sure their group starts where the base group is; base pods wait for the first check. */
  private void start() {
    if (isBase()) {
      checker = LiveLaneChecker.acquire(group, baseLane, adminConfig, checkMillis);
      checker.register(this);
      snapshots = checker;
      if (!checker.awaitFirstCheck(FIRST_CHECK_TIMEOUT_MILLIS)) {
        LaneLog.warn("Kafka isolation: no answer from the broker about the lane groups of '" + group + "' yet: until there"
            + " is one, this consumer takes the records of every lane");
      }
    } else {
      LaneGroupStart.ensureStarted(adminConfig, group, groupJoined(), FIRST_CHECK_TIMEOUT_MILLIS);
    }
  }

  /**
   * Lanes that got a live group again stop being taken here (and the records of theirs processed here past
   * their group's offset are the ones processed twice); offsets the lane groups have committed are forgotten.
   */
  private void onNewSnapshot(LaneSnapshot snapshot) {
    for (String lane : seen.dead.keySet()) {
      if (snapshot.dead.containsKey(lane)) {
        continue;
      }
      long twice = 0;
      for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
        PartitionState state = entry.getValue();
        OffsetLog taken = state.takenDead.remove(lane);
        Long from = seen.deadOffset(lane, entry.getKey());
        if (taken != null && from != null && snapshot.isLive(lane)) {
          twice += taken.countFrom(from);
        }
        state.takingFrom.remove(lane);
        if (state.window != null) {
          state.window.remove(lane);
        }
      }
      if (snapshot.isLive(lane)) {
        LaneCounters.isolation(LaneCounters.ISOLATION_TWICE, twice);
        LaneLog.info("Kafka isolation: lane '" + lane + "' has a live consumer group (" + LaneGroups.laneGroup(group, lane) + ") again: it"
            + " takes its records from now on; " + twice + " of them processed here after its group's offsets are"
            + " processed there again");
      }
    }
    for (String lane : snapshot.dead.keySet()) {
      for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
        OffsetLog taken = entry.getValue().takenDead.get(lane);
        Long committed = snapshot.deadOffset(lane, entry.getKey());
        if (taken != null && committed != null) {
          taken.dropBelow(committed);
        }
      }
    }
    seen = snapshot;
  }

  /**
   * A lane without a live group whose group offset on this partition is below where this consumer started to
   * take its records: read the partition again from there, for that lane's records only.
   */
  private void startHandOver(Consumer<?, ?> consumer, TopicPartition partition, PartitionState state) {
    HandOverWindow window = null;
    for (String lane : seen.dead.keySet()) {
      Long takingFrom = state.takingFrom.get(lane);
      Long groupOffset = seen.deadOffset(lane, partition);
      if (takingFrom != null && groupOffset != null && groupOffset < takingFrom) {
        if (window == null) {
          window = new HandOverWindow(state.readEnd);
        }
        window.add(lane, groupOffset, takingFrom);
        state.takingFrom.put(lane, groupOffset);
      }
    }
    if (window == null) {
      return;
    }
    long start = window.start();
    consumer.seek(partition, start);
    state.window = window;
    state.readEnd = start;
    LaneLog.info("Kafka isolation: group " + group + " takes over from lane groups without a live consumer on "
        + partition + ": reading it again from offset " + start + " up to " + window.end + " for the records of "
        + window.describe());
  }

  /** For each dead lane, the offsets below which its records on this consumer's partitions are processed. */
  private void publishProgress() {
    if (seen.dead.isEmpty()) {
      laneProgress = Collections.emptyMap();
      return;
    }
    Map<String, Map<TopicPartition, Long>> progress = new HashMap<>();
    for (String lane : seen.dead.keySet()) {
      Map<TopicPartition, Long> offsets = new HashMap<>();
      for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
        PartitionState state = entry.getValue();
        Long takingFrom = state.takingFrom.get(lane);
        Long groupOffset = seen.deadOffset(lane, entry.getKey());
        boolean handedOver = takingFrom != null && (groupOffset == null || groupOffset >= takingFrom);
        boolean inWindow = state.window == null || state.window.has(lane);
        if (handedOver && inWindow && state.readEnd >= 0) {
          offsets.put(entry.getKey(), state.readEnd); // the previous poll's records are done: poll again says so
        }
      }
      if (!offsets.isEmpty()) {
        progress.put(lane, offsets);
      }
    }
    laneProgress = progress;
  }

  Map<String, Map<TopicPartition, Long>> laneProgress() {
    return laneProgress;
  }

  /**
   * Commits the end of runs of skipped records on partitions where the application committed all it was given:
   * without it, a partition whose records all went to another lane would never be committed (Spring Kafka
   * commits the records its listener got).
   */
  private void commitSkipped(Consumer<?, ?> consumer) {
    if (System.nanoTime() - lastAgentCommit < AGENT_COMMIT_EVERY_NANOS) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = null;
    for (Map.Entry<TopicPartition, PartitionState> entry : partitions.entrySet()) {
      PartitionState state = entry.getValue();
      // read past the last commit, and everything handed out committed: the rest was skipped
      if (state.window == null && state.readEnd > state.committed && state.handedEnd <= state.committed) {
        if (offsets == null) {
          offsets = new HashMap<>();
        }
        offsets.put(entry.getKey(), new OffsetAndMetadata(state.readEnd));
      }
    }
    if (offsets != null) {
      lastAgentCommit = System.nanoTime();
      consumer.commitAsync(offsets, null); // recorded by committed(): the advice sees the agent's own commit too
    }
  }

  /** The application (or the agent) committed {@code offsets}. */
  void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
      PartitionState state = partitions.get(entry.getKey());
      if (state != null && entry.getValue() != null) {
        state.committed = Math.max(state.committed, entry.getValue().offset());
      }
    }
  }

  /** The application committed the consumer's positions: everything read so far. */
  void committedAll() {
    for (PartitionState state : partitions.values()) {
      if (state.window == null) {
        state.committed = Math.max(state.committed, state.readEnd);
      }
    }
  }

  /** On the consumer's thread, after {@code poll}: {@code records} without those the application must not get. */
  <K, V> ConsumerRecords<K, V> afterPoll(ConsumerRecords<K, V> records, Map<Object, Lanes> lanes) {
    if (records.isEmpty()) {
      return records;
    }
    LaneSnapshot snapshot = seen;
    Map<TopicPartition, List<ConsumerRecord<K, V>>> kept = new LinkedHashMap<>();
    long skipped = 0;
    long takenOver = 0;
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<K, V>> list = records.records(partition);
      PartitionState state = partitions.get(partition);
      if (state == null) {
        state = new PartitionState();
        partitions.put(partition, state);
      }
      HandOverWindow window = state.window;
      List<ConsumerRecord<K, V>> out = null;
      long firstTakenAsBase = -1;
      for (int i = 0; i < list.size(); i++) {
        ConsumerRecord<K, V> record = list.get(i);
        Lanes recordLanes = lanes == null ? null : lanes.get(record);
        String lane = recordLanes == null ? null : recordLanes.lane();
        long offset = record.offset();
        boolean take;
        if (!isBase()) {
          take = ownLane.equals(lane);
        } else if (window != null && offset < window.end) {
          take = window.takes(lane, offset);
          if (take) {
            takenOver++;
            state.tookDeadLane(lane, offset);
          }
        } else {
          if (firstTakenAsBase < 0) {
            firstTakenAsBase = offset;
          }
          take = lane == null || lane.equals(baseLane) || !snapshot.isLive(lane);
          if (take && lane != null && snapshot.dead.containsKey(lane)) {
            state.tookDeadLane(lane, offset);
          }
        }
        if (take) {
          state.handedEnd = offset + 1;
          if (out != null) {
            out.add(record);
          }
        } else {
          skipped++;
          if (out == null) {
            out = new ArrayList<>(list.subList(0, i));
          }
        }
      }
      state.readEnd = list.get(list.size() - 1).offset() + 1;
      if (window != null && state.readEnd >= window.end) {
        state.window = null;
      }
      if (firstTakenAsBase >= 0) {
        for (String lane : snapshot.dead.keySet()) {
          if (!state.takingFrom.containsKey(lane)) {
            state.takingFrom.put(lane, firstTakenAsBase);
          }
        }
      }
      List<ConsumerRecord<K, V>> result = out == null ? list : out;
      if (!result.isEmpty()) {
        kept.put(partition, result);
      }
    }
    LaneCounters.isolation(LaneCounters.ISOLATION_FILTERED, skipped);
    LaneCounters.isolation(LaneCounters.ISOLATION_HANDED_OVER, takenOver);
    return skipped == 0 ? records : FilteredRecords.of(records, kept);
  }

  void closed() {
    if (checker != null) {
      checker.unregister(this);
    }
  }
}
