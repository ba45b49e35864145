package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP → RocketMQ → HTTP with the remoting client against a real name server and broker: a producer JVM
 * (no own lane) sends each request as a message, sync, async, oneway or as a batch; a consumer JVM (own
 * lane {@code prod}, one consume thread per consumer) runs each message's next HTTP call from a concurrently
 * and an orderly push listener (up to 10 messages a call), a one-message listener that takes
 * {@code get(0)}, and a lite pull loop. The header is checked at that hop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RocketMqTest {

  private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(60);
  private static final String[] CONSUMERS = {"concurrently", "orderly", "single", "pull"};

  enum Jvm {
    PRODUCER_OLDEST(TestApp.ROCKETMQ_OLDEST, null), CONSUMER_OLDEST(TestApp.ROCKETMQ_OLDEST, "oldest"),
    PRODUCER_NEWEST(TestApp.ROCKETMQ_NEWEST, null), CONSUMER_NEWEST(TestApp.ROCKETMQ_NEWEST, "newest"),
    CONSUMER_WITHOUT_AGENT(TestApp.ROCKETMQ_NEWEST, "noagent"), SPRING(TestApp.ROCKETMQ_SPRING_BOOT3, null);

    final TestApp app;
    final String topics;

    Jvm(TestApp app, String topics) {
      this.app = app;
      this.topics = topics;
    }
  }

  private RocketMqBroker broker;
  private Downstream downstream;
  private Map<Jvm, AppJvm> jvms;
  private final String prefix = "t" + Long.toHexString(System.nanoTime());

  @BeforeAll
  void start() throws Exception {
    broker = RocketMqBroker.start();
    downstream = new Downstream();
    jvms = SharedStart.all(Jvm.values(), jvm -> {
      AppJvm.Builder builder = AppJvm.of(jvm.app).systemProperty("rocketmq.namesrv", broker.namesrvAddress())
          .systemProperty("rocketmq.client.logUseSlf4j", "true");
      if (jvm == Jvm.SPRING) {
        return builder.env("LANE_LOCAL", "prod").args("--server.port=0", "--server.address=127.0.0.1",
            "--spring.main.banner-mode=off", "--rocketmq.name-server=" + broker.namesrvAddress(),
            "--rocketmq.producer.group=" + prefix + "-spring-producer", "--probe.topic=" + prefix + "-spring",
            TraceHeaders.LOG_PATTERN);
      }
      if (jvm.topics != null) {
        builder.systemProperty("rocketmq.topics", prefix + "-" + jvm.topics).env("LANE_LOCAL", "prod");
      }
      if (jvm == Jvm.CONSUMER_WITHOUT_AGENT) {
        builder.withoutAgent();
      }
      return builder;
    }, Jvm.class);
  }

  @AfterAll
  void stop() throws Exception {
    SharedStart.closeAll(jvms, downstream, broker);
  }

  /** Two consumer kinds a version: the trace-header walk is the producer's; the consumers only read the lanes. */
  static Stream<Arguments> traceHeaderConsumers() {
    return Stream.of(Arguments.of(Jvm.PRODUCER_OLDEST, Jvm.CONSUMER_OLDEST, "concurrently"),
        Arguments.of(Jvm.PRODUCER_OLDEST, Jvm.CONSUMER_OLDEST, "pull"),
        Arguments.of(Jvm.PRODUCER_NEWEST, Jvm.CONSUMER_NEWEST, "orderly"),
        Arguments.of(Jvm.PRODUCER_NEWEST, Jvm.CONSUMER_NEWEST, "single"));
  }

  static Stream<Arguments> everyVersionEveryConsumer() {
    List<Arguments> cases = new ArrayList<>();
    for (String version : new String[] {"OLDEST", "NEWEST"}) {
      for (String consumer : CONSUMERS) {
        cases.add(Arguments.of(Jvm.valueOf("PRODUCER_" + version), Jvm.valueOf("CONSUMER_" + version), consumer));
      }
    }
    return cases.stream();
  }

  /** Every send mode, in a lane, without one (the consumer's own lane then), and in another. */
  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyVersionEveryConsumer")
  void theLaneCrossesTheTopic(Jvm producer, Jvm consumer, String kind) {
    for (String mode : new String[] {"sync", "async", "oneway", "batch"}) {
      for (String lane : new String[] {"gray", null, "daily"}) {
        assertThat(lanesAtTheNextHop(producer, consumer, kind, lane, "mode=" + mode))
            .as("%s %s %s lane %s", consumer, kind, mode, lane).containsExactly(lane == null ? "prod" : lane);
      }
    }
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyVersionEveryConsumer")
  void theApplicationsOwnPropertyWins(Jvm producer, Jvm consumer, String kind) {
    assertThat(lanesAtTheNextHop(producer, consumer, kind, "gray", "msgProperty=mine")).containsExactly("mine");
  }

  /**
   * One batch of messages with mixed lanes (set by the application): consumed together (up to 10 a call) or
   * one by one on one consume thread, each call has its own message's lane; none or an invalid one → own lane.
   */
  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyVersionEveryConsumer")
  void eachMessageOfAMixedBatchHasItsOwnLane(Jvm producer, Jvm consumer, String kind) {
    String[] lanes = {"gray", "none", "daily", "b@d", "gray", "gray", "none", "daily"};
    String id = newId();
    AppJvm app = jvms.get(producer);
    RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rocket-mixed",
        "topic=" + topicOf(consumer, kind), "lanes=" + String.join(",", lanes)));
    assertThat(response.body()).as(app.output()).isEqualTo("sent " + lanes.length);
    java.util.Set<String> batches = new java.util.HashSet<>();
    for (int i = 0; i < lanes.length; i++) {
      String expected = lanes[i].equals("gray") || lanes[i].equals("daily") ? lanes[i] : "prod";
      Downstream.Received received = downstream.await(id + "-" + i, DELIVERED_WITHIN);
      assertThat(received.values("env")).as("%s message %d (%s)", kind, i, lanes[i]).containsExactly(expected);
      batches.add(received.first("x-batch"));
    }
    if (kind.equals("concurrently") || kind.equals("orderly")) {
      // the case that matters: one listener call with several messages of different lanes
      assertThat(batches).as("batches").anySatisfy(batch -> assertThat(Integer.parseInt(batch.split("/")[1])).isGreaterThan(1));
    }
  }

  /**
   * rocketmq-spring: the listener's log line for a message carries that message's lane and trace id in the MDC
   * ({@code lane.mdc}), on the consumer's thread; the own lane where the message had none.
   */
  @Test
  void rocketMqSpringListenersLogLinesCarryTheMessagesLaneAndTraceId() {
    AppJvm app = jvms.get(Jvm.SPRING);
    List<String> expected = new ArrayList<>();
    for (String lane : new String[] {"gray", "daily", null}) {
      String id = newId();
      List<String> headers = lane == null ? List.of() : lane.equals("gray") ? TraceHeaders.tracedRequest(lane) : List.of("env: " + lane);
      app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rocketmq-template", "mode=sync"), headers.toArray(new String[0]));
      downstream.await(id, DELIVERED_WITHIN);
      expected.add(TraceHeaders.logLine(lane == null ? "prod" : lane, lane != null && lane.equals("gray")
          ? TraceHeaders.B3_TRACE_ID : null, "LANE-LOG id=" + id));
    }
    app.awaitOutput(DELIVERED_WITHIN, "the listener's log lines " + expected,
        output -> expected.stream().allMatch(line -> output.lines().anyMatch(line::equals)));
  }

  /** rocketmq-spring: RocketMQTemplate (sync and async) into a @RocketMQMessageListener, in the same app. */
  @Test
  void rocketMqSpringCarriesTheLaneFromTemplateToListener() {
    for (String mode : new String[] {"sync", "async"}) {
      for (String lane : new String[] {"gray", null, "daily"}) {
        String id = newId();
        AppJvm app = jvms.get(Jvm.SPRING);
        RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rocketmq-template",
            "mode=" + mode), laneHeader(lane));
        assertThat(response.body()).as(app.output()).isEqualTo("sent " + id);
        assertThat(downstream.await(id, DELIVERED_WITHIN).values("env")).as("%s lane %s", mode, lane)
            .containsExactly(lane == null ? "prod" : lane);
      }
    }
  }

  /** Istio's tracing headers travel as user properties to the consumer's next call, each once and byte for byte. */
  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("traceHeaderConsumers")
  void theTraceHeadersTravelWithTheMessage(Jvm producer, Jvm consumer, String kind) {
    TraceHeaders.assertCarriedThrough(lines -> nextHop(producer, consumer, kind, lines));
  }

  /** The control: without the agent on the consumer, the message's lane goes no further. */
  @Test
  void withoutTheAgentOnTheConsumerTheLaneStopsThere() {
    assertThat(lanesAtTheNextHop(Jvm.PRODUCER_NEWEST, Jvm.CONSUMER_WITHOUT_AGENT, "concurrently", "gray")).isEmpty();
  }

  private List<String> lanesAtTheNextHop(Jvm producer, Jvm consumer, String kind, String lane, String... extra) {
    return nextHop(producer, consumer, kind, List.of(laneHeader(lane)), extra).values("env");
  }

  /** What the HTTP hop after the consumer received, for a request to {@code producer} with {@code headerLines}. */
  private Downstream.Received nextHop(Jvm producer, Jvm consumer, String kind, List<String> headerLines, String... extra) {
    List<String> params = new ArrayList<>(List.of("via=rocket", "topic=" + topicOf(consumer, kind)));
    params.addAll(List.of(extra));
    return Probes.nextHop(jvms.get(producer), downstream, params, headerLines, "sent {id}", DELIVERED_WITHIN);
  }

  private String topicOf(Jvm consumer, String kind) {
    return prefix + "-" + consumer.topics + "-" + kind;
  }
}
