package io.laneagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kafka lane isolation ({@code lane.kafka.isolation}) under the real agent jar, with a real KRaft broker: a topic
 * of 3 partitions, a consumer group of 2 prod pods and 1 gray pod (forked JVMs, each writing a record log of
 * what it processed), no daily pod, and a producer writing records in lanes gray, daily and none at a steady
 * rate for the whole test. (0) The gray pod joins for the first time: its new group starts where the base group
 * is, not where {@code auto.offset.reset=earliest} would. (1) All live: gray records go to the gray pod only, daily and untagged ones to the
 * prod pods only. (2) The gray pod is killed (SIGKILL): once its group is empty the prod pods take the gray
 * records, from the gray group's committed offsets on. (3) It starts again: it takes the gray records again,
 * starting after what the prod pods processed. No record is lost; the duplicates of each switch-over are
 * counted and bounded; no lag is left on either group. The same with Spring Kafka listeners (record listeners
 * with the BATCH and RECORD ack modes; a batch listener with MANUAL acks) and with kafka-clients 2.8.2 (auto
 * commit) and 4.4.0 (commits of the offsets it got). Isolation off: the group shares its records as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaIsolationTest {

  private static final Duration CHECK = Duration.ofSeconds(2);
  private static final long PERIOD_MILLIS = 15;
  private static final int PER_SECOND = (int) (1000 / PERIOD_MILLIS);
  /** Records sent in the phases between switches (about 4 s each). */
  private static final int PHASE = 4 * PER_SECOND;
  /** Around a switch: the lane pod's uncommitted tail and the base pods' next check. */
  private static final int MARGIN = 3 * PER_SECOND;
  private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(60);

  enum Pods {
    /** kafka-clients 2.8.2, auto commit. */
    PLAIN_OLDEST_AUTO_COMMIT(TestApp.KAFKA_ISOLATION_OLDEST, "auto", null),
    /** kafka-clients 4.4.0, {@code commitSync(offsets)} of the records it got. */
    PLAIN_NEWEST_COMMIT_OFFSETS(TestApp.KAFKA_ISOLATION_NEWEST, "offsets", null),
    /** Spring Kafka 3.3, a record {@code @KafkaListener}, the default ack mode (BATCH). */
    SPRING_BOOT3_RECORD_LISTENER(TestApp.SPRING_KAFKA_ISOLATION_BOOT3, "record", "BATCH"),
    /** Spring Kafka 4.0, a record {@code @KafkaListener} with {@code AckMode.RECORD}. */
    SPRING_BOOT4_RECORD_LISTENER_RECORD_ACK(TestApp.SPRING_KAFKA_ISOLATION_BOOT4, "record", "RECORD"),
    /** Spring Kafka 4.0, a {@code List<ConsumerRecord>} batch listener with {@code AckMode.MANUAL}. */
    SPRING_BOOT4_BATCH_LISTENER_MANUAL_ACK(TestApp.SPRING_KAFKA_ISOLATION_BOOT4, "batch-manual", "MANUAL");

    private final TestApp app;
    /** The plain app's commit mode, or the Spring app's listener. */
    private final String consumer;
    private final String ackMode;

    Pods(TestApp app, String consumer, String ackMode) {
      this.app = app;
      this.consumer = consumer;
      this.ackMode = ackMode;
    }

    AppJvm.Builder pod(String lane, boolean isolation, String bootstrap, String topic, String group, Path log) {
      AppJvm.Builder builder = ackMode == null
          ? AppJvm.of(app).args(bootstrap, topic, group, log.toString(), consumer)
          : AppJvm.of(app).args("--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
              "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.kafka.consumer.auto-offset-reset=earliest",
              // a killed pod leaves its group after 6 s (the broker's minimum), not the default 45 s
              "--spring.kafka.consumer.properties.session.timeout.ms=6000",
              "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
              "--spring.kafka.listener.ack-mode=" + ackMode, "--isolation.listener=" + consumer,
              "--isolation.topic=" + topic, "--isolation.group=" + group, "--isolation.log=" + log);
      builder.env("LANE_LOCAL", lane);
      if (isolation) {
        builder.env("LANE_KAFKA_ISOLATION", "true").env("LANE_KAFKA_ISOLATION_CHECK_INTERVAL", CHECK.toSeconds() + "s");
      }
      return builder;
    }
  }

  private KafkaBroker broker;
  private Admin admin;
  private Path dir;

  @BeforeAll
  void start() throws Exception {
    broker = KafkaBroker.start();
    admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    dir = Files.createTempDirectory("lane-test-isolation");
  }

  @AfterAll
  void stop() throws Exception {
    if (admin != null) {
      admin.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (dir != null) {
      BrokerProcesses.deleteTree(dir);
    }
  }

  @ParameterizedTest
  @EnumSource(Pods.class)
  void eachLaneToItsPodsAndALaneWithoutPodsToTheBaseWithoutLoss(Pods kind) throws Exception {
    String id = Probes.newId().substring(0, 8);
    String topic = "iso-" + id;
    String group = "orders-" + id;
    createTopic(topic);
    RecordLog prodA = new RecordLog("prod-a", dir.resolve(id + "-prod-a.log"));
    RecordLog prodB = new RecordLog("prod-b", dir.resolve(id + "-prod-b.log"));
    RecordLog grayFirst = new RecordLog("gray (first life)", dir.resolve(id + "-gray-1.log"));
    RecordLog graySecond = new RecordLog("gray (second life)", dir.resolve(id + "-gray-2.log"));
    List<AppJvm> pods = new ArrayList<>();
    SteadyProducer producer = null;
    try {
      List<AppJvm> prod = startSideBySide(
          kind.pod("prod", true, broker.bootstrapServers(), topic, group, prodA.file),
          kind.pod("prod", true, broker.bootstrapServers(), topic, group, prodB.file));
      pods.addAll(prod);
      awaitGroupMembers(group, 2); // no rebalance of the base group once records flow
      awaitLanes(prod, group, "none", "none");
      producer = new SteadyProducer(broker.bootstrapServers(), topic, PERIOD_MILLIS, "gray", "daily", null);
      awaitSent(producer, PHASE); // the base group has offsets to start the new lane group at
      int grayStarting = producer.sent();
      AppJvm gray = kind.pod("gray", true, broker.bootstrapServers(), topic, group, grayFirst.file).start();
      pods.add(gray);
      awaitLanes(prod, group, "gray", "none");
      int allLive = producer.sent();
      awaitSent(producer, allLive + PHASE);

      int killed = producer.sent();
      long killedAt = System.nanoTime();
      gray.close(); // destroyForcibly: SIGKILL, the pod leaves nothing behind but its group's offsets
      awaitLanes(prod, group, "none", "gray");
      long takeOverMillis = (System.nanoTime() - killedAt) / 1_000_000;
      // the broker drops the killed member after its session timeout (6 s); the base pods see it at their next check
      assertThat(takeOverMillis).as("from the kill to both prod pods taking gray").isLessThan(6_000 + CHECK.toMillis() + 6_000);
      int dead = producer.sent();
      awaitSent(producer, dead + PHASE);

      int restarted = producer.sent();
      AppJvm grayAgain = kind.pod("gray", true, broker.bootstrapServers(), topic, group, graySecond.file).start();
      pods.add(grayAgain);
      awaitLanes(prod, group, "gray", "none");
      int back = producer.sent();
      awaitSent(producer, back + PHASE);
      int end = producer.stop();

      List<RecordLog> logs = List.of(prodA, prodB, grayFirst, graySecond);
      Map<String, String> sent = producer.records();
      awaitAllProcessed(sent.keySet(), logs);

      // the gray pod only ever got gray records
      for (RecordLog grayLog : List.of(grayFirst, graySecond)) {
        assertThat(grayLog.values()).as("%s", grayLog).isNotEmpty()
            .allSatisfy(value -> assertThat(SteadyProducer.laneOf(value)).as(value).isEqualTo("gray"));
      }
      // the prod pods got no gray record while the gray group was live
      String timeline = String.format("live from %d, killed at %d, dead from %d, restarted at %d, back from %d, end %d;"
          + " the prod pods said:%n%s%n%s", allLive, killed, dead, restarted, back, end,
          String.join("\n", prod.get(0).agentLines()), String.join("\n", prod.get(1).agentLines()));
      for (RecordLog prodLog : List.of(prodA, prodB)) {
        // a poll under way when the check answered still took its gray records: a second of margin
        assertThat(grayIn(prodLog, allLive + PER_SECOND, killed - MARGIN)).as("gray records in %s while gray was live; %s", prodLog,
            timeline).isEmpty();
        assertThat(grayIn(prodLog, back + PER_SECOND, end)).as("gray records in %s after gray came back; %s", prodLog,
            timeline).isEmpty();
      }
      // every gray record sent while the gray pod was down went to a prod pod
      Set<String> prodValues = new HashSet<>(prodA.values());
      prodValues.addAll(prodB.values());
      List<String> grayWhileDown = sent.keySet().stream()
          .filter(value -> SteadyProducer.laneOf(value).equals("gray"))
          .filter(value -> SteadyProducer.sequenceOf(value) >= killed && SteadyProducer.sequenceOf(value) < restarted)
          .collect(Collectors.toList());
      assertThat(grayWhileDown).isNotEmpty();
      assertThat(prodValues).as("gray records sent while the gray pod was down").containsAll(grayWhileDown);
      // the new gray group started where the base group was, not at the beginning (auto.offset.reset=earliest)
      int firstEver = grayFirst.values().stream().mapToInt(SteadyProducer::sequenceOf).min().orElseThrow();
      assertThat(firstEver).as("the first record of the gray pod's first life").isGreaterThanOrEqualTo(grayStarting - MARGIN);
      // the gray pod came back after what the prod pods processed, not at its old offsets
      int firstAgain = graySecond.values().stream().mapToInt(SteadyProducer::sequenceOf).min().orElseThrow();
      assertThat(firstAgain).as("the first record of the gray pod's second life").isGreaterThanOrEqualTo(dead);
      // duplicates, per switch-over: by who processed a record, not by when it was sent (a return's duplicates
      // start at the lane group's offsets, which the base moved up to one check before the restart)
      Set<String> byProd = new HashSet<>(prodA.values());
      byProd.addAll(prodB.values());
      Set<String> byGrayFirst = grayFirst.distinct();
      Set<String> byGraySecond = graySecond.distinct();
      long atJoin = byGrayFirst.stream().filter(byProd::contains).filter(v -> SteadyProducer.sequenceOf(v) < allLive).count();
      long atDeath = byGrayFirst.stream().filter(byProd::contains).filter(v -> SteadyProducer.sequenceOf(v) >= allLive).count();
      long atReturn = byGraySecond.stream().filter(byProd::contains).count();
      Map<String, Integer> times = new HashMap<>();
      logs.forEach(log -> log.values().forEach(value -> times.merge(value, 1, Integer::sum)));
      List<String> twice = times.entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey)
          .sorted().collect(Collectors.toList());
      assertThat(twice).as("records processed twice").hasSize((int) (atJoin + atDeath + atReturn))
          .allSatisfy(value -> assertThat(SteadyProducer.laneOf(value)).as("only gray records are ever processed twice")
              .isEqualTo("gray"));
      long countedByTheAgent = prod.stream().mapToLong(KafkaIsolationTest::countedTwice).sum();
      System.out.printf("KAFKA-ISOLATION %s: the prod pods took gray %d ms after the kill (session timeout 6 s, check %d s)%n",
          kind, takeOverMillis, CHECK.toSeconds());
      System.out.printf("KAFKA-ISOLATION %s: %d records (%d gray), processed twice: %d when the gray group first joined,"
              + " %d at the gray pod's death, %d at its return (the prod pods' agents counted %d); the check interval"
              + " holds %d gray records%n", kind, end, sent.values().stream().filter("gray"::equals).count(), atJoin,
          atDeath, atReturn, countedByTheAgent, CHECK.toSeconds() * PER_SECOND / 3);
      // bounded by the check interval: the switch-over windows (one check, plus the lane pod's commit interval)
      long bound = (2 * CHECK.toSeconds() + 3) * PER_SECOND / 3;
      assertThat(atJoin).as("gray records processed twice when the gray group first joined").isLessThanOrEqualTo(bound);
      assertThat(atDeath).as("gray records processed twice around the gray pod's death").isLessThanOrEqualTo(bound);
      assertThat(atReturn).as("gray records processed twice around its return").isLessThanOrEqualTo(bound);
      assertThat(countedByTheAgent).as("the agents count what they processed that the returning gray group processes again")
          .isEqualTo(atReturn);
      // no lag: the records each group skipped are committed too
      awaitNoLag(topic, group);
      awaitNoLag(topic, group + "_gray");
    } finally {
      if (producer != null) {
        producer.close();
      }
      pods.forEach(AppJvm::close);
    }
  }

  @Test
  void withoutIsolationTheGroupSharesEveryLanesRecordsAsBefore() throws Exception {
    String id = Probes.newId().substring(0, 8);
    String topic = "iso-" + id;
    String group = "orders-" + id;
    createTopic(topic);
    Pods kind = Pods.PLAIN_NEWEST_COMMIT_OFFSETS;
    RecordLog prodA = new RecordLog("prod-a", dir.resolve(id + "-prod-a.log"));
    RecordLog prodB = new RecordLog("prod-b", dir.resolve(id + "-prod-b.log"));
    RecordLog gray = new RecordLog("gray", dir.resolve(id + "-gray.log"));
    List<AppJvm> pods = startSideBySide(
        kind.pod("prod", false, broker.bootstrapServers(), topic, group, prodA.file),
        kind.pod("prod", false, broker.bootstrapServers(), topic, group, prodB.file),
        kind.pod("gray", false, broker.bootstrapServers(), topic, group, gray.file));
    try {
      awaitGroupMembers(group, 3);
      Map<String, String> sent;
      try (SteadyProducer producer = new SteadyProducer(broker.bootstrapServers(), topic, PERIOD_MILLIS, "gray", "daily", null)) {
        awaitSent(producer, 2 * PER_SECOND);
        producer.stop();
        sent = producer.records();
      }
      List<RecordLog> logs = List.of(prodA, prodB, gray);
      awaitAllProcessed(sent.keySet(), logs);
      assertThat(gray.values()).as("the gray pod gets its partition's records, whatever their lane")
          .anySatisfy(value -> assertThat(SteadyProducer.laneOf(value)).isNotEqualTo("gray"));
      List<String> all = new ArrayList<>();
      logs.forEach(log -> all.addAll(log.values()));
      assertThat(all).as("each record once").doesNotHaveDuplicates();
      Set<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
          .map(ConsumerGroupListing::groupId).collect(Collectors.toSet());
      assertThat(groups).contains(group).doesNotContain(group + "_gray");
      pods.forEach(pod -> assertThat(pod.agentLines()).as("%s", pod).noneMatch(line -> line.contains("Kafka isolation")));
    } finally {
      pods.forEach(AppJvm::close);
    }
  }

  private void createTopic(String topic) throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
  }

  private static List<AppJvm> startSideBySide(AppJvm.Builder... builders) {
    List<CompletableFuture<AppJvm>> starting = new ArrayList<>();
    for (AppJvm.Builder builder : builders) {
      starting.add(CompletableFuture.supplyAsync(builder::start));
    }
    List<AppJvm> started = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<AppJvm> future : starting) {
      try {
        started.add(future.join());
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      started.forEach(AppJvm::close);
      throw failure;
    }
    return started;
  }

  /** Waits until each base pod's last word on {@code group}'s lanes is: {@code live} have a live group, {@code dead} not. */
  private static void awaitLanes(List<AppJvm> pods, String group, String live, String dead) {
    String prefix = "lanes of group '" + group + "' with a live consumer group: ";
    String expected = prefix + live + "; without one (taken by the base): " + dead;
    Predicate<String> lastSays = output -> {
      int last = output.lastIndexOf(prefix);
      if (last < 0) {
        return false;
      }
      int endOfLine = output.indexOf('\n', last);
      return output.substring(last, endOfLine < 0 ? output.length() : endOfLine).equals(expected);
    };
    for (AppJvm pod : pods) {
      pod.awaitOutput(SWITCH_TIMEOUT, "'" + expected + "'", lastSays);
    }
  }

  private static void awaitSent(SteadyProducer producer, int count) throws InterruptedException {
    long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
    while (producer.sent() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the producer sent only " + producer.sent() + " of " + count + " records");
      }
      Thread.sleep(20); // the producer's own pace: nothing to be told by
    }
  }

  private static void awaitAllProcessed(Set<String> sent, List<RecordLog> logs) throws InterruptedException {
    long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
    while (true) {
      Set<String> missing = new TreeSet<>(sent);
      logs.forEach(log -> missing.removeAll(log.distinct()));
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(missing.size() + " of " + sent.size() + " records were never processed (lost): "
            + missing.stream().limit(30).collect(Collectors.toList()));
      }
      Thread.sleep(200); // the record logs are files: there is nothing to wait on
    }
  }

  private void awaitNoLag(String topic, String group) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int partition = 0; partition < 3; partition++) {
      latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<TopicPartition, Long> committed = Collections.emptyMap();
    while (System.nanoTime() < deadline) {
      committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .entrySet().stream().filter(entry -> entry.getValue() != null)
          .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
      if (committed.equals(ends)) {
        return;
      }
      Thread.sleep(200); // offsets are committed in the background: poll the broker
    }
    assertThat(committed).as("the committed offsets of %s (the log ends: %s)", group, ends).isEqualTo(ends);
  }

  private void awaitGroupMembers(String group, int members) throws Exception {
    long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
    while (members(group) < members) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the group " + group + " did not get " + members + " members");
      }
      Thread.sleep(200); // the group's membership is the broker's: poll it
    }
  }

  private int members(String group) throws Exception {
    try {
      return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().size();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
        return 0; // not there yet
      }
      throw e;
    }
  }

  /** What the agent of a base pod said it processed that the gray group processes again after its return. */
  private static long countedTwice(AppJvm pod) {
    long count = 0;
    java.util.regex.Pattern said = java.util.regex.Pattern.compile("again: it takes its records from now on; (\\d+) of them");
    for (String line : pod.agentLines()) {
      java.util.regex.Matcher matcher = said.matcher(line);
      if (matcher.find()) {
        count += Long.parseLong(matcher.group(1));
      }
    }
    return count;
  }

  /** The gray records in {@code log} with sequence numbers in [from, to), with where the pod read them. */
  private static List<String> grayIn(RecordLog log, int from, int to) {
    return log.lines().stream().filter(line -> line.indexOf(' ') > 0).filter(line -> {
      String value = line.substring(0, line.indexOf(' '));
      return SteadyProducer.laneOf(value).equals("gray") && SteadyProducer.sequenceOf(value) >= from
          && SteadyProducer.sequenceOf(value) < to;
    })
        .collect(Collectors.toList());
  }
}
