package io.laneagent.testing;

import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Living beside other agents: the OpenTelemetry Java agent (2.33.1, exporters off, propagators
 * {@code tracecontext,baggage}) and the TTL agent (2.14.5), each attached before and after ours. Our
 * lane and OpenTelemetry's {@code traceparent}/{@code baggage} both arrive downstream — directly over
 * HTTP, through every kind of thread hand-off, and through Kafka — and an application that uses its own
 * opentelemetry-context (1.40) keeps its context. No warnings from us, no errors in the application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherAgentsTest {

  enum Setup {
    OTEL_BEFORE(true, true), OTEL_AFTER(true, false), TTL_BEFORE(false, true), TTL_AFTER(false, false);

    final boolean otel;
    final boolean before;

    Setup(boolean otel, boolean before) {
      this.otel = otel;
      this.before = before;
    }
  }

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String TRACEPARENT = "traceparent: 00-" + TRACE_ID + "-b7ad6b7169203331-01";
  /** Hand-offs OpenTelemetry propagates too (it does not follow new Thread or Timer). */
  private static final String[] OTEL_PROPAGATED = {"direct", "tpe", "tpe-execute", "cf-common", "fjp", "stpe-once",
      "app-otel-context"};
  private static final String[] ALSO_OURS = {"thread", "timer"};

  private KafkaFixture kafka;
  private Downstream downstream;
  private final Map<Setup, AppJvm> executors = new ConcurrentHashMap<>();
  private final Map<Setup, AppJvm> kafkaApps = new ConcurrentHashMap<>();
  private final String topicPrefix = "o" + newId().substring(0, 8);

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaFixture.start();
    downstream = new Downstream();
    Setup[] setups = Setup.values();
    // cf-common needs a common pool of 2 or more workers (ExecutorsTest says why)
    executors.putAll(SharedStart.all(setups, setup -> withOther(setup, AppJvm.of(TestApp.EXECUTORS)
        .systemProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "3")), Setup.class));
    kafkaApps.putAll(SharedStart.all(setups, setup -> withOther(setup, AppJvm.of(TestApp.KAFKA_CLIENTS_NEWEST)
        .args(kafka.bootstrapServers(), topicPrefix + setup.ordinal(), downstream.url(""))), Setup.class));
  }

  private static AppJvm.Builder withOther(Setup setup, AppJvm.Builder builder) {
    builder.env("LANE_LOCAL", "prod");
    return setup.otel ? OtherAgents.withOpenTelemetry(builder, setup.before) : OtherAgents.withTtl(builder, setup.before);
  }

  @AfterAll
  void stop() throws Exception {
    executors.values().forEach(AppJvm::close);
    kafkaApps.values().forEach(AppJvm::close);
    if (downstream != null) {
      downstream.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  static Stream<Arguments> everySetupEveryHandOff() {
    List<Arguments> cases = new ArrayList<>();
    for (Setup setup : Setup.values()) {
      for (String via : OTEL_PROPAGATED) {
        cases.add(Arguments.of(setup, via));
      }
      for (String via : ALSO_OURS) {
        cases.add(Arguments.of(setup, via));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everySetupEveryHandOff")
  void bothAgentsPropagateOverHttpAndThroughHandOffs(Setup setup, String via) {
    AppJvm app = executors.get(setup);
    for (String client : new String[] {Probes.URL_CONNECTION, Probes.HTTP_CLIENT}) {
      String id = newId();
      String target = via.equals("direct") ? probe(downstream, client, id) : probe(downstream, client, id, "via=" + via);
      RawHttp.Response response = app.get(target, "env: gray", TRACEPARENT, "baggage: user=alice");
      assertThat(response.status()).as(app.output()).isEqualTo(200);
      assertThat(response.body()).as("%s %s %s", setup, via, client).isEqualTo("called " + id + " via " + client + ": 200");
      Downstream.Received received = downstream.await(id);
      assertThat(received.values("env")).as("%s %s %s", setup, via, client).containsExactly("gray");
      if (setup.otel && List.of(OTEL_PROPAGATED).contains(via)) {
        assertThat(received.first("traceparent")).as("%s %s %s", setup, via, client).contains(TRACE_ID);
        assertThat(received.first("baggage")).as("%s %s %s", setup, via, client).contains("user=alice");
      }
      if (via.equals("app-otel-context")) {
        assertThat(received.values("x-app-context")).as("the application's own Context").containsExactly("app-value");
      }
    }
    for (String lane : new String[] {null, "daily"}) { // and nothing leaks between requests
      String id = newId();
      String target = via.equals("direct") ? probe(downstream, Probes.URL_CONNECTION, id)
          : probe(downstream, Probes.URL_CONNECTION, id, "via=" + via);
      app.get(target, Probes.laneHeader(lane));
      assertThat(downstream.await(id).values("env")).containsExactly(lane == null ? "prod" : lane);
    }
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void bothAgentsPropagateThroughKafka(Setup setup) {
    AppJvm app = kafkaApps.get(setup);
    for (String style : new String[] {"foreach", "iterator"}) {
      String id = newId();
      RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=kafka-send", "topic=" + style),
          "env: gray", TRACEPARENT, "baggage: user=alice");
      assertThat(response.body()).as(app.output()).isEqualTo("called " + id + " via kafka: 200");
      Downstream.Received received = downstream.await(id, Duration.ofSeconds(60));
      assertThat(received.values("env")).as("%s %s", setup, style).containsExactly("gray");
      if (setup.otel) {
        assertThat(received.first("traceparent")).as("%s %s", setup, style).contains(TRACE_ID);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void weSayNothingButOurStartLineAndThatTheTracerHasTheTraceContext(Setup setup) {
    for (AppJvm app : List.of(executors.get(setup), kafkaApps.get(setup))) {
      List<String> lines = app.agentLines();
      assertThat(lines).as(app.output()).first().asString().contains("INFO lane-agent");
      // once traced requests went out (whether they did yet depends on test order), one line says who
      // writes the trace context — with the OpenTelemetry agent only
      assertThat(lines.subList(1, lines.size())).as(app.output()).hasSizeLessThanOrEqualTo(setup.otel ? 1 : 0)
          .allSatisfy(line -> assertThat(line).contains("INFO the OpenTelemetry Java agent writes the trace context"));
      assertThat(app.output()).doesNotContain("Exception in thread", "NoClassDefFoundError", "VerifyError");
    }
  }
}
