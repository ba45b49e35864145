package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spring AMQP against a real RabbitMQ node, on Spring Boot 3.5 and 4.0, own lane {@code prod}: a request's
 * lane goes through {@code RabbitTemplate} into the simple container's, the direct container's and a batch
 * listener's next HTTP call; a run of messages with mixed lanes through the batch listener; RPC both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringRabbitTest {

  private static final TestApp[] APPS = {TestApp.SPRING_RABBIT_BOOT3, TestApp.SPRING_RABBIT_BOOT4};

  private RabbitBroker broker;
  private Downstream downstream;
  private Map<TestApp, AppJvm> apps;

  @BeforeAll
  void start() throws Exception {
    broker = RabbitBroker.start();
    downstream = new Downstream();
    Map<TestApp, String> prefixes = new HashMap<>();
    for (TestApp app : APPS) {
      prefixes.put(app, "s" + newId().substring(0, 8));
    }
    apps = SharedStart.all(APPS, app -> AppJvm.of(app).env("LANE_LOCAL", "prod").args(
        "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
        "--spring.rabbitmq.host=127.0.0.1", "--spring.rabbitmq.port=" + broker.port(),
        "--probe.prefix=" + prefixes.get(app), TraceHeaders.LOG_PATTERN));
  }

  @AfterAll
  void stop() throws Exception {
    SharedStart.closeAll(apps, downstream, broker);
  }

  static Stream<Arguments> everyAppEveryListener() {
    return Probes.everyAppEveryClient(APPS, "simple", "direct", "batch");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyAppEveryListener")
  void theLaneGoesThroughRabbitTemplateIntoTheListener(TestApp app, String queue) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      String id = newId();
      AppJvm jvm = apps.get(app);
      RawHttp.Response response = jvm.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rabbit-template",
          "queue=" + queue), laneHeader(lane));
      assertThat(response.body()).as(jvm.output()).isEqualTo("sent " + id);
      assertThat(downstream.await(id).values("env")).as("%s %s lane %s", app, queue, lane)
          .containsExactly(lane == null ? "prod" : lane);
    }
  }

  /** Messages with mixed lanes (set by the app) in one run: each call has its own message's lane. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyAppEveryListener")
  void eachMessageOfAMixedRunHasItsOwnLane(TestApp app, String queue) {
    String[] lanes = {"gray", "none", "daily", "b@d", "gray", "daily", "none", "gray"};
    String id = newId();
    AppJvm jvm = apps.get(app);
    RawHttp.Response response = jvm.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rabbit-mixed",
        "queue=" + queue, "lanes=" + String.join(",", lanes)));
    assertThat(response.body()).as(jvm.output()).isEqualTo("sent " + lanes.length);
    java.util.Set<String> batches = new java.util.HashSet<>();
    for (int i = 0; i < lanes.length; i++) {
      String expected = lanes[i].equals("gray") || lanes[i].equals("daily") ? lanes[i] : "prod";
      Downstream.Received received = downstream.await(id + "-" + i);
      assertThat(received.values("env")).as("%s %s message %d (%s)", app, queue, i, lanes[i]).containsExactly(expected);
      if (queue.equals("batch")) {
        batches.add(received.first("x-batch"));
      }
    }
    if (queue.equals("batch")) {
      // the case that matters: several messages with different lanes in one List<Message>
      assertThat(batches).as("batches").anySatisfy(batch -> assertThat(Integer.parseInt(batch.split("/")[1])).isGreaterThan(1));
    }
  }

  /**
   * A listener's log line for a message carries that message's lane and trace id in the MDC ({@code lane.mdc}),
   * on the container's thread, per message in a batch too; the own lane where the message had none.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyAppEveryListener")
  void theListenersLogLinesCarryTheMessagesLaneAndTraceId(TestApp app, String queue) {
    AppJvm jvm = apps.get(app);
    List<String> expected = new ArrayList<>();
    for (String lane : new String[] {"gray", "daily", null}) {
      String id = newId();
      List<String> headers = lane == null ? List.of() : lane.equals("gray") ? TraceHeaders.tracedRequest(lane) : List.of("env: " + lane);
      jvm.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rabbit-template", "queue=" + queue), headers.toArray(new String[0]));
      downstream.await(id);
      expected.add(TraceHeaders.logLine(lane == null ? "prod" : lane, lane != null && lane.equals("gray")
          ? TraceHeaders.B3_TRACE_ID : null, "LANE-LOG id=" + id));
    }
    jvm.awaitOutput(Duration.ofSeconds(20), "the listener's log lines " + expected,
        output -> expected.stream().allMatch(line -> output.lines().anyMatch(line::equals)));
  }

  /** RPC: the request carries the lane to the listener, and its reply carries it back. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("apps")
  void rpcCarriesTheLaneBothWays(TestApp app) {
    String id = newId();
    AppJvm jvm = apps.get(app);
    RawHttp.Response response = jvm.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rabbit-rpc"), laneHeader("daily"));
    assertThat(downstream.await(id).values("env")).containsExactly("daily");
    assertThat(response.body()).as(jvm.output()).isEqualTo("reply env=daily");
  }

  static Stream<TestApp> apps() {
    return Stream.of(APPS);
  }
}
