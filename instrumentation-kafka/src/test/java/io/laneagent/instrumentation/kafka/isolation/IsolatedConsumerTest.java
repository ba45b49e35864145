package io.laneagent.instrumentation.kafka.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneagent.bootstrap.LaneCounters;
import io.laneagent.bootstrap.Lanes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The isolation rules on one partition, with kafka-clients' own {@link MockConsumer} standing in for the
 * broker's log (its seek is real; a poll returns the log from the position on) and snapshots given by hand.
 * The forked-JVM proof with a real broker is the agent tests' KafkaIsolationTest.
 */
class IsolatedConsumerTest {

  private static final TopicPartition P0 = new TopicPartition("orders", 0);

  private final List<String> log = new ArrayList<>(); // lane per offset, null: none
  private final MockConsumer<String, String> mock = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private LaneSnapshot snapshot = LaneSnapshot.NONE_LIVE;

  @BeforeEach
  void assign() {
    mock.assign(Collections.singletonList(P0));
    mock.updateBeginningOffsets(Collections.singletonMap(P0, 0L));
  }

  @Test
  void aLanePodTakesOnlyItsLaneAndCommitsPastTheOthers() {
    IsolatedConsumer gray = consumer("gray", false);
    append("gray", null, "daily", "gray", "prod", null);
    assertThat(poll(gray)).containsExactly(0L, 3L);
    gray.committed(Collections.singletonMap(P0, new OffsetAndMetadata(4))); // the app committed what it got
    gray.beforePoll(mock);
    assertThat(mock.committed(Collections.singleton(P0)).get(P0).offset())
        .as("the skipped tail is committed by the agent").isEqualTo(6L);
  }

  @Test
  void skippedRecordsAreNotCommittedWhileTheApplicationHasSomeOutstanding() {
    IsolatedConsumer gray = consumer("gray", false);
    append("gray", null, null);
    assertThat(poll(gray)).containsExactly(0L);
    gray.beforePoll(mock); // the app has not committed offset 1 yet
    assertThat(mock.committed(Collections.singleton(P0)).get(P0)).isNull();
  }

  @Test
  void aBasePodLeavesLiveLanesAndTakesTheRest() {
    snapshot = snapshot(Collections.singleton("gray"), Collections.<String, Long>emptyMap());
    IsolatedConsumer base = consumer(null, true);
    append("gray", null, "daily", "prod", "gray", "bad lane");
    assertThat(poll(base)).containsExactly(1L, 2L, 3L, 5L);
  }

  @Test
  void aDeadLanesRecordsAreTakenOverFromItsGroupsOffsetsAndNoneIsLost() {
    snapshot = snapshot(Collections.singleton("gray"), Collections.<String, Long>emptyMap());
    IsolatedConsumer base = consumer(null, true);
    append("gray", null, "gray", null, "gray", null); // 0..5: gray's group got 0 and 2, committed 3
    assertThat(poll(base)).containsExactly(1L, 3L, 5L);
    snapshot = snapshot(Collections.<String>emptySet(), Collections.singletonMap("gray", 3L)); // gray's pod died
    append("gray", null, "gray"); // 6..8
    assertThat(poll(base)).as("taken as base from 6 on").containsExactly(6L, 7L, 8L);
    assertThat(poll(base)).as("read again from gray's offset 3: its 4 only").containsExactly(4L);
    append(null, "gray");
    assertThat(poll(base)).containsExactly(9L, 10L);
    base.beforePoll(mock); // the next poll says the last batch is done
    assertThat(base.laneProgress().get("gray")).containsEntry(P0, 11L);
  }

  @Test
  void aLaneThatComesBackIsCountedForWhatWillBeProcessedTwice() {
    snapshot = snapshot(Collections.<String>emptySet(), Collections.singletonMap("gray", 0L));
    IsolatedConsumer base = consumer(null, true);
    append("gray", null, "gray");
    assertThat(poll(base)).containsExactly(0L, 1L, 2L);
    long before = count(LaneCounters.ISOLATION_TWICE);
    snapshot = snapshot(Collections.singleton("gray"), Collections.<String, Long>emptyMap());
    append("gray", null);
    assertThat(poll(base)).as("gray is live again: its 3 goes there").containsExactly(4L);
    assertThat(count(LaneCounters.ISOLATION_TWICE) - before).as("gray's 0 and 2, after its group's offset 0").isEqualTo(2);
  }

  @Test
  void aLaneGroupWithoutAnOffsetOnThePartitionNeedsNoHandOver() {
    snapshot = new LaneSnapshot(1, Collections.<String>emptySet(),
        Collections.singletonMap("gray", (Map<TopicPartition, Long>) new HashMap<TopicPartition, Long>()));
    IsolatedConsumer base = consumer(null, true);
    append("gray", null);
    assertThat(poll(base)).containsExactly(0L, 1L);
    assertThat(poll(base)).isEmpty();
  }

  @Test
  void laneGroupNames() {
    assertThat(LaneGroups.laneOf("orders_gray", "orders", "prod")).isEqualTo("gray");
    assertThat(LaneGroups.laneOf("orders_prod", "orders", "prod")).as("the base lane has no lane group").isNull();
    assertThat(LaneGroups.laneOf("orders-gray", "orders", "prod")).isNull();
    assertThat(LaneGroups.laneOf("orders_", "orders", "prod")).isNull();
    assertThat(LaneGroups.laneOf("orders_a b", "orders", "prod")).isNull();
    assertThat(LaneGroups.laneOf("payments_gray", "orders", "prod")).isNull();
  }

  private IsolatedConsumer consumer(String ownLane, boolean base) {
    IsolatedConsumer consumer = new IsolatedConsumer("orders", base ? null : ownLane, "prod", false,
        Collections.<String, Object>emptyMap(), 1000);
    consumer.startWith(() -> snapshot);
    return consumer;
  }

  private LaneSnapshot snapshot(Set<String> live, Map<String, Long> deadOffsets) {
    Map<String, Map<TopicPartition, Long>> dead = new HashMap<>();
    deadOffsets.forEach((lane, offset) -> dead.put(lane, Collections.singletonMap(P0, offset)));
    return new LaneSnapshot(snapshot.version + 1, new TreeSet<>(live), dead);
  }

  private void append(String... lanes) {
    Collections.addAll(log, lanes);
  }

  /** One poll through the isolation hooks; the offsets the application got. */
  private List<Long> poll(IsolatedConsumer consumer) {
    consumer.beforePoll(mock);
    long position = mock.position(P0);
    Map<Object, Lanes> lanes = new IdentityHashMap<>();
    for (int offset = (int) position; offset < log.size(); offset++) {
      ConsumerRecord<String, String> record = new ConsumerRecord<>(P0.topic(), 0, offset, "k", "v" + offset);
      mock.addRecord(record);
      String lane = log.get(offset);
      if (lane != null && lane.matches("[A-Za-z0-9._-]+")) {
        lanes.put(record, Lanes.of(lane));
      }
    }
    ConsumerRecords<String, String> records = consumer.afterPoll(mock.poll(java.time.Duration.ZERO), lanes);
    List<Long> offsets = new ArrayList<>();
    records.forEach(record -> offsets.add(record.offset()));
    return offsets;
  }

  private static long count(String what) {
    Long count = LaneCounters.isolation().get(what);
    return count == null ? 0 : count;
  }
}
