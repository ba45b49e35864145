package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
 * carries gray, for every way of iterating a batch; the lane ends with the loop (a call after it goes
 * in the own lane) or, for a loop left early, with the next poll; untagged records → own lane; one
 * poll's batch of mixed lanes stays separate (the consumer's calls say which poll they came from); a
 * header the application set on the record wins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaTest {

  private static final TestApp[] APPS = {TestApp.KAFKA_CLIENTS_OLDEST, TestApp.KAFKA_CLIENTS_NEWEST};
  private static final String[] STYLES = {"foreach", "partition", "topic", "iterator"};
  /** Every style and the for-each loop left with {@code break} (KafkaApp). */
  private static final String[] ALL_STYLES = {"foreach", "partition", "topic", "iterator", "break"};

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

  static Stream<Arguments> everyClientEveryLoop() {
    return Probes.everyAppEveryClient(APPS, ALL_STYLES);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyClientEveryLoop")
  void theRequestsLaneTravelsThroughKafkaToTheConsumersCallsAndEndsWithTheLoop(TestApp app, String style) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      String id = newId();
      RawHttp.Response response = apps.get(app).get(
          probe(downstream, "urlconnection", id, "via=kafka-send", "topic=" + style), laneHeader(lane));
      assertThat(response.body()).as(apps.get(app).output()).isEqualTo("called " + id + " via kafka: 200");
      String expected = lane == null ? "prod" : lane;
      assertThat(awaitLanes(id)).as("%s %s", style, lane).containsExactly(expected);
      if (style.equals("break")) {
        // a loop left early: the record's lane lasts until the next poll
        assertThat(awaitLanes(id + "-after-break")).as("after break, %s", lane).containsExactly(expected);
        assertThat(awaitLanes(id + "-after-next-poll")).as("after the next poll, %s", lane).containsExactly("prod");
      } else {
        assertThat(awaitLanes(id + "-after-loop")).as("after the %s loop, %s", style, lane).containsExactly("prod");
      }
    }
  }

  private List<String> awaitLanes(String id) {
    return downstream.await(id, Duration.ofSeconds(60)).values("env");
  }

  /** Records produced without the agent (no lane header) and records of several lanes in one batch. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyClientEveryIteration")
  void eachRecordOfAMixedBatchBringsItsOwnLane(TestApp app, String style) throws Exception {
    Map<String, String> expected = kafka.sendBatch(prefixes.get(app) + "-" + style, "prod",
        "gray", null, "daily", "gray", null, "prod", "daily", "bad lane!", "gray", null);
    Set<String> polls = new HashSet<>();
    expected.forEach((id, lane) -> {
      Downstream.Received received = downstream.await(id, Duration.ofSeconds(60));
      assertThat(received.values("env")).as("%s record %s", style, id).containsExactly(lane);
      polls.add(received.first("x-batch"));
    });
    // the claim is about one batch: all ten came from the same poll, and it held all ten
    assertThat(polls).as("the polls the records came from").singleElement().asString().endsWith("/" + expected.size());
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"KAFKA_CLIENTS_OLDEST", "KAFKA_CLIENTS_NEWEST"})
  void aHeaderTheApplicationSetOnTheRecordWins(TestApp app) {
    String id = newId();
    apps.get(app).get(probe(downstream, "urlconnection", id, "via=kafka-send", "topic=foreach",
        "appHeader=app-chosen", "appHeaderName=Env"), laneHeader("gray"));
    assertThat(awaitLanes(id)).containsExactly("app-chosen");
  }
}
