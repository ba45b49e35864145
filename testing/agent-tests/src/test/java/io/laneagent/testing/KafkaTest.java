package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

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
 * Lanes through a real Kafka broker (KRaft, one for this class), under the real agent jar, with
 * kafka-clients 2.8.2 and 4.4.0: HTTP {@code env: gray} → produce → consume → the consumer's HTTP call
 * carries gray, for every way of iterating a batch; untagged records → own lane; one batch of mixed
 * lanes stays separate; a header the application set on the record wins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaTest {

  private static final TestApp[] APPS = {TestApp.KAFKA_CLIENTS_OLDEST, TestApp.KAFKA_CLIENTS_NEWEST};
  private static final String[] STYLES = {"foreach", "partition", "topic", "iterator"};

  private KafkaFixture kafka;
  private Downstream downstream;
  private final Map<TestApp, String> prefixes = new EnumMap<>(TestApp.class);
  private Map<TestApp, AppJvm> apps;

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaFixture.start();
    downstream = new Downstream();
    for (TestApp app : APPS) {
      prefixes.put(app, "t" + newId().substring(0, 8));
    }
    apps = SharedStart.all(APPS, app -> AppJvm.of(app).env("LANE_LOCAL", "prod")
        .args(kafka.bootstrapServers(), prefixes.get(app), downstream.url("")));
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

  static Stream<Arguments> everyClientEveryIteration() {
    return Probes.everyAppEveryClient(APPS, STYLES);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyClientEveryIteration")
  void theRequestsLaneTravelsThroughKafkaToTheConsumersCalls(TestApp app, String style) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      String id = newId();
      RawHttp.Response response = apps.get(app).get(
          probe(downstream, "urlconnection", id, "via=kafka-send", "topic=" + style), laneHeader(lane));
      assertThat(response.body()).as(apps.get(app).output()).isEqualTo("called " + id + " via kafka: 200");
      assertThat(downstream.await(id, java.time.Duration.ofSeconds(60)).values("env")).as("%s %s", style, lane)
          .containsExactly(lane == null ? "prod" : lane);
    }
  }

  /** Records produced without the agent (no lane header) and records of several lanes in one batch. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyClientEveryIteration")
  void eachRecordOfAMixedBatchBringsItsOwnLane(TestApp app, String style) throws Exception {
    Map<String, String> expected = kafka.sendBatch(prefixes.get(app) + "-" + style, "prod",
        "gray", null, "daily", "gray", null, "prod", "daily", "bad lane!", "gray", null);
    expected.forEach((id, lane) -> assertThat(downstream.await(id, java.time.Duration.ofSeconds(60)).values("env"))
        .as("%s record %s", style, id).containsExactly(lane));
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"KAFKA_CLIENTS_OLDEST", "KAFKA_CLIENTS_NEWEST"})
  void aHeaderTheApplicationSetOnTheRecordWins(TestApp app) {
    String id = newId();
    apps.get(app).get(probe(downstream, "urlconnection", id, "via=kafka-send", "topic=foreach",
        "appHeader=app-chosen", "appHeaderName=Env"), laneHeader("gray"));
    assertThat(downstream.await(id, java.time.Duration.ofSeconds(60)).values("env")).containsExactly("app-chosen");
  }
}
