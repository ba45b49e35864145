package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

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
 * HTTP → RabbitMQ → HTTP with plain amqp-client, against a real node: a publisher JVM (no own lane) turns
 * each request into a message; a consumer JVM (own lane {@code prod}, one delivery thread for all its
 * consumers) runs each message's next HTTP call. The header is checked at that hop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RabbitMqTest {

  /** Publisher and consumer of each version, and a consumer without the agent (the control). */
  enum Jvm {
    PUBLISHER_OLDEST(TestApp.RABBITMQ_OLDEST, null), CONSUMER_OLDEST(TestApp.RABBITMQ_OLDEST, "oldest"),
    PUBLISHER_NEWEST(TestApp.RABBITMQ_NEWEST, null), CONSUMER_NEWEST(TestApp.RABBITMQ_NEWEST, "newest"),
    CONSUMER_WITHOUT_AGENT(TestApp.RABBITMQ_NEWEST, "noagent");

    final TestApp app;
    final String queues;

    Jvm(TestApp app, String queues) {
      this.app = app;
      this.queues = queues;
    }
  }

  private RabbitBroker broker;
  private Downstream downstream;
  private Map<Jvm, AppJvm> jvms;
  private final String prefix = "q" + Long.toHexString(System.nanoTime());

  @BeforeAll
  void start() throws Exception {
    broker = RabbitBroker.start();
    downstream = new Downstream();
    jvms = SharedStart.all(Jvm.values(), jvm -> {
      AppJvm.Builder builder = AppJvm.of(jvm.app).systemProperty("rabbit.port", String.valueOf(broker.port()));
      if (jvm.queues != null) {
        builder.systemProperty("rabbit.queues", prefix + "-" + jvm.queues).env("LANE_LOCAL", "prod");
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

  static Stream<Arguments> everyVersionEveryConsumer() {
    List<Arguments> cases = new ArrayList<>();
    for (String version : new String[] {"OLDEST", "NEWEST"}) {
      for (String consumer : new String[] {"plain", "callback"}) {
        cases.add(Arguments.of(Jvm.valueOf("PUBLISHER_" + version), Jvm.valueOf("CONSUMER_" + version), consumer));
      }
    }
    return cases.stream();
  }

  /** A message published in a request's lane runs in that lane; without one, in the consumer's own lane. */
  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyVersionEveryConsumer")
  void theLaneCrossesTheQueue(Jvm publisher, Jvm consumer, String queue) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      assertThat(lanesAtTheNextHop(publisher, consumer, queue, lane)).as("%s %s lane %s", consumer, queue, lane)
          .containsExactly(lane == null ? "prod" : lane);
    }
  }

  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyVersionEveryConsumer")
  void theApplicationsOwnHeaderWins(Jvm publisher, Jvm consumer, String queue) {
    assertThat(lanesAtTheNextHop(publisher, consumer, queue, "gray", "msgHeader=mine")).containsExactly("mine");
  }

  /**
   * Messages with mixed lanes — set by the application, so the publisher's agent adds nothing — one after
   * another on the consumer's single delivery thread: each runs in its own lane; none, or an invalid one,
   * runs in the own lane; nothing is left for the next delivery.
   */
  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyVersionEveryConsumer")
  void eachMessageOfAMixedRunHasItsOwnLane(Jvm publisher, Jvm consumer, String queue) {
    String[] lanes = {"gray", "none", "daily", "b@d", "gray", "gray", "none"};
    String id = newId();
    AppJvm app = jvms.get(publisher);
    RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=rabbit-batch",
        "queue=" + queueOf(consumer, queue), "lanes=" + String.join(",", lanes)));
    assertThat(response.body()).as(app.output()).isEqualTo("published " + lanes.length);
    for (int i = 0; i < lanes.length; i++) {
      String expected = lanes[i].equals("gray") || lanes[i].equals("daily") ? lanes[i] : "prod";
      assertThat(downstream.await(id + "-" + i).values("env")).as("message %d (%s)", i, lanes[i]).containsExactly(expected);
    }
  }

  /** Istio's tracing headers travel as message headers to the consumer's next call, each once and byte for byte. */
  @ParameterizedTest(name = "{1} {2}")
  @MethodSource("everyVersionEveryConsumer")
  void theTraceHeadersTravelWithTheMessage(Jvm publisher, Jvm consumer, String queue) {
    TraceHeaders.assertCarriedThrough(lines -> nextHop(publisher, consumer, queue, lines));
  }

  /** The control: without the agent on the consumer, the message's lane goes no further. */
  @Test
  void withoutTheAgentOnTheConsumerTheLaneStopsThere() {
    assertThat(lanesAtTheNextHop(Jvm.PUBLISHER_NEWEST, Jvm.CONSUMER_WITHOUT_AGENT, "plain", "gray")).isEmpty();
  }

  private List<String> lanesAtTheNextHop(Jvm publisher, Jvm consumer, String queue, String lane, String... extra) {
    return nextHop(publisher, consumer, queue, List.of(laneHeader(lane)), extra).values("env");
  }

  /** What the HTTP hop after the consumer received, for a request to {@code publisher} with {@code headerLines}. */
  private Downstream.Received nextHop(Jvm publisher, Jvm consumer, String queue, List<String> headerLines, String... extra) {
    List<String> params = new ArrayList<>(List.of("via=rabbit", "queue=" + queueOf(consumer, queue)));
    params.addAll(List.of(extra));
    return Probes.nextHop(jvms.get(publisher), downstream, params, headerLines, "published {id}", Downstream.DEFAULT_WAIT);
  }

  private String queueOf(Jvm consumer, String queue) {
    return prefix + "-" + consumer.queues + "-" + queue;
  }
}
