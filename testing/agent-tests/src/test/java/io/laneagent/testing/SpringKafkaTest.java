package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spring Kafka 3.3 (Boot 3.5) and 4.0 (Boot 4.0) under the real agent jar, with a real KRaft broker:
 * HTTP {@code env: gray} → {@code KafkaTemplate.send} → record {@code @KafkaListener} → HTTP call in gray;
 * batch listeners taking {@code ConsumerRecords} or {@code List<ConsumerRecord>} see each record's lane
 * while they loop; a batch listener taking {@code List<payload>} has no records to read lanes from and
 * runs with the own lane (documented).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringKafkaTest {

  private static final TestApp[] APPS = {TestApp.SPRING_KAFKA_BOOT3, TestApp.SPRING_KAFKA_BOOT4};

  private KafkaFixture kafka;
  private Downstream downstream;
  private final Map<TestApp, String> prefixes = new EnumMap<>(TestApp.class);
  private Map<TestApp, AppJvm> apps;

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaFixture.start();
    downstream = new Downstream();
    for (TestApp app : APPS) {
      prefixes.put(app, "s" + newId().substring(0, 8));
    }
    apps = SharedStart.all(APPS, app -> AppJvm.of(app).env("LANE_LOCAL", "prod").args(
        "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
        "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
        "--spring.kafka.consumer.auto-offset-reset=earliest",
        "--probe.prefix=" + prefixes.get(app), "--downstream.url=" + downstream.url("")));
  }

  @AfterAll
  void stop() throws Exception {
    if (apps != null) {
      apps.values().forEach(AppJvm::close);
    }
    if (downstream != null) {
      downstream.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"SPRING_KAFKA_BOOT3", "SPRING_KAFKA_BOOT4"})
  void kafkaTemplateToRecordListenerKeepsTheRequestsLane(TestApp app) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      String id = newId();
      RawHttp.Response response = apps.get(app).get(
          probe(downstream, "urlconnection", id, "via=kafka-template", "topic=record"), laneHeader(lane));
      assertThat(response.body()).as(apps.get(app).output()).isEqualTo("called " + id + " via kafka-template: 200");
      assertThat(downstream.await(id, Duration.ofSeconds(60)).values("env")).as("%s", lane)
          .containsExactly(lane == null ? "prod" : lane);
    }
  }

  static Stream<Arguments> listeners() {
    return Probes.everyAppEveryClient(APPS, "record", "batch-records", "batch-list");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("listeners")
  void mixedLanesInOneBatchStaySeparate(TestApp app, String listener) throws Exception {
    Map<String, String> expected = sendMixedBatch(prefixes.get(app) + "-" + listener);
    expected.forEach((id, lane) -> assertThat(downstream.await(id, Duration.ofSeconds(60)).values("env"))
        .as("%s record %s", listener, id).containsExactly(lane));
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"SPRING_KAFKA_BOOT3", "SPRING_KAFKA_BOOT4"})
  void aBatchOfPayloadsRunsInTheOwnLane(TestApp app) throws Exception {
    Map<String, String> sent = sendMixedBatch(prefixes.get(app) + "-batch-payloads");
    sent.keySet().forEach(id -> assertThat(downstream.await(id, Duration.ofSeconds(60)).values("env"))
        .as("payload %s", id).containsExactly("prod"));
  }

  private Map<String, String> sendMixedBatch(String topic) throws Exception {
    return kafka.sendBatch(topic, "prod", "gray", null, "daily", "gray", "prod", null, "daily", "gray");
  }
}
