package io.laneagent.testing;

import static io.laneagent.testing.TraceHeaders.B3_TRACE_ID;
import static io.laneagent.testing.TraceHeaders.ISTIO;
import static io.laneagent.testing.TraceHeaders.PARENT_ID;
import static io.laneagent.testing.TraceHeaders.TRACE_ID;
import static io.laneagent.testing.TraceHeaders.tracedRequest;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Istio's tracing headers travel with the lane ({@code lane.trace-headers=istio}, the default), under
 * the real jar, read on the wire at the next hop: every header of the list arrives exactly once and
 * byte-identical (values with {@code , = + / ;}; two {@code tracestate} lines as one list) through the
 * request thread, a pool, the JDK async client, Feign, WebClient and a Kafka hop; nothing arrives where
 * nothing came in, and periodic work a traced request registered sends none. A tracer in the
 * application (Micrometer Tracing on Brave, W3C and B3) and the OpenTelemetry Java agent (attached
 * before and after ours) write the trace context alone, with the inbound trace id: ours steps aside as
 * a group, {@code x-request-id} still goes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceContextTest {

  enum Tracer { OTEL_BEFORE, OTEL_AFTER, BRAVE_W3C, BRAVE_B3 }

  private static final TestApp[] APPS = {TestApp.JDK_HTTPSERVER, TestApp.EXECUTORS, TestApp.FEIGN_NEWEST,
      TestApp.WEBFLUX_NEWEST, TestApp.KAFKA_CLIENTS_NEWEST};

  private KafkaFixture kafka;
  private Downstream downstream;
  private Map<TestApp, AppJvm> apps;
  private Map<Tracer, AppJvm> tracers;
  private final String topicPrefix = "tc" + newId().substring(0, 8);

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaFixture.start();
    downstream = new Downstream();
    apps = SharedStart.all(APPS, app -> AppJvm.of(app).env("LANE_LOCAL", "prod")
        .systemProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "3")
        .args(app == TestApp.KAFKA_CLIENTS_NEWEST
            ? new String[] {kafka.bootstrapServers(), topicPrefix, downstream.url("")}
            : new String[] {"--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--downstream.url=" + downstream.url("")}));
    tracers = SharedStart.all(Tracer.values(), this::withTracer, Tracer.class);
  }

  private AppJvm.Builder withTracer(Tracer tracer) {
    if (tracer == Tracer.BRAVE_W3C || tracer == Tracer.BRAVE_B3) {
      return AppJvm.of(TestApp.SPRING_TRACING_BOOT3).env("LANE_LOCAL", "prod")
          .args("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
              "--management.tracing.sampling.probability=1.0",
              "--management.tracing.propagation.type=" + (tracer == Tracer.BRAVE_W3C ? "w3c" : "b3"));
    }
    return OtherAgents.withOpenTelemetry(AppJvm.of(TestApp.JDK_HTTPSERVER).env("LANE_LOCAL", "prod"),
        tracer == Tracer.OTEL_BEFORE);
  }

  @AfterAll
  void stop() throws Exception {
    if (apps != null) {
      apps.values().forEach(AppJvm::close);
    }
    if (tracers != null) {
      tracers.values().forEach(AppJvm::close);
    }
    if (downstream != null) {
      downstream.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  static Stream<Arguments> everyPath() {
    return Stream.of(
        Arguments.of(TestApp.JDK_HTTPSERVER, "urlconnection", null),
        Arguments.of(TestApp.JDK_HTTPSERVER, "httpclient", null),
        Arguments.of(TestApp.JDK_HTTPSERVER, "httpclient-async", null),
        Arguments.of(TestApp.EXECUTORS, "urlconnection", "via=tpe"),
        Arguments.of(TestApp.EXECUTORS, "httpclient", "via=cf-common"),
        Arguments.of(TestApp.FEIGN_NEWEST, "feign-default", null),
        Arguments.of(TestApp.FEIGN_NEWEST, "feign-okhttp", null),
        Arguments.of(TestApp.FEIGN_NEWEST, "feign-hc5", null),
        Arguments.of(TestApp.WEBFLUX_NEWEST, "webclient", null),
        Arguments.of(TestApp.WEBFLUX_NEWEST, "webclient-publishon", null),
        Arguments.of(TestApp.WEBFLUX_NEWEST, "netty", null),
        Arguments.of(TestApp.KAFKA_CLIENTS_NEWEST, "urlconnection", "via=kafka-send&topic=foreach"));
  }

  /** Every header of the Istio list, exactly once, byte for byte — and the lane with it. */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyPath")
  void theIstioHeadersArriveExactlyOnceAndByteIdentical(TestApp app, String client, String via) {
    Downstream.Received received = call(apps.get(app), client, via, tracedRequest("gray"));
    assertThat(received.values("env")).as(received.toString()).containsExactly("gray");
    TraceHeaders.assertAllArrived(received);
  }

  /** Nothing came in: nothing of the list goes out (the own lane does). */
  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("everyPath")
  void noTraceHeadersGoWhereNoneCameIn(TestApp app, String client, String via) {
    Downstream.Received received = call(apps.get(app), client, via, List.of("env: daily"));
    assertThat(received.values("env")).containsExactly("daily");
    ISTIO.keySet().forEach(name -> assertThat(received.values(name)).as("%s\n%s", name, received).isEmpty());
  }

  /** Periodic work that a traced request registered is nobody's request: own lane, no trace headers. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"stpe-periodic", "stpe-fixed-delay", "timer-periodic"})
  void periodicWorkRegisteredByATracedRequestSendsNoTraceHeaders(String via) {
    Downstream.Received received = call(apps.get(TestApp.EXECUTORS), "urlconnection", "via=" + via, tracedRequest("gray"));
    assertThat(received.values("env")).containsExactly("prod");
    ISTIO.keySet().forEach(name -> assertThat(received.values(name)).as(name).isEmpty());
  }

  /** A pooled thread that ran a traced task keeps nothing for the next, untraced one. */
  @Test
  void aPooledThreadKeepsNoTraceHeaders() {
    AppJvm executors = apps.get(TestApp.EXECUTORS);
    for (int i = 0; i < 6; i++) {
      call(executors, "urlconnection", "via=tpe", tracedRequest("gray"));
      Downstream.Received untraced = call(executors, "urlconnection", "via=tpe", List.of());
      ISTIO.keySet().forEach(name -> assertThat(untraced.values(name)).as(name).isEmpty());
      assertThat(untraced.values("env")).containsExactly("prod");
    }
  }

  /**
   * Micrometer Tracing (Brave) inside the app writes the trace context of its own client span — same
   * trace id, its own span id: the downstream sees that alone; x-request-id and the lane still go.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"rt-observed", "restclient-observed"})
  void aTracerInTheApplicationWritesTheTraceContextAlone(String client) {
    Downstream.Received w3c = call(tracers.get(Tracer.BRAVE_W3C), client, null, tracedRequest("gray"));
    assertThat(w3c.values("traceparent")).as(w3c.toString()).singleElement().asString()
        .startsWith("00-" + TRACE_ID + "-").doesNotContain(PARENT_ID);
    assertThat(w3c.values("x-b3-traceid")).as(w3c.toString()).isEmpty();
    assertOnlyTheTracersContext(w3c);

    Downstream.Received b3 = call(tracers.get(Tracer.BRAVE_B3), client, null, tracedRequest("gray"));
    assertThat(b3.values("b3")).as(b3.toString()).singleElement().asString().startsWith(B3_TRACE_ID + "-");
    assertThat(b3.values("traceparent")).as(b3.toString()).isEmpty();
    assertOnlyTheTracersContext(b3);
  }

  private static void assertOnlyTheTracersContext(Downstream.Received received) {
    for (String ours : new String[] {"x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "x-ot-span-context"}) {
      assertThat(received.values(ours)).as("%s\n%s", ours, received).isEmpty();
    }
    assertThat(received.values("x-request-id")).containsExactly(ISTIO.get("x-request-id"));
    assertThat(received.values("env")).containsExactly("gray");
  }

  /** A client the application's tracer does not cover: the trace context goes as it came. */
  @Test
  void aClientNoTracerCoversForwardsTheTraceContextAsItCame() {
    Downstream.Received received = call(tracers.get(Tracer.BRAVE_W3C), "urlconnection", null, tracedRequest("gray"));
    ISTIO.forEach((name, value) -> assertThat(received.values(name)).as(name).containsExactly(value));
  }

  /** The OpenTelemetry Java agent, attached before or after ours: its traceparent alone, with the inbound trace id. */
  @ParameterizedTest
  @EnumSource(value = Tracer.class, names = {"OTEL_BEFORE", "OTEL_AFTER"})
  void theOpenTelemetryAgentWritesTheTraceContextAloneInEitherOrder(Tracer order) {
    for (String client : Probes.CLIENTS) {
      Downstream.Received received = call(tracers.get(order), client, null, tracedRequest("gray"));
      assertThat(received.values("traceparent")).as("%s %s\n%s", order, client, received).singleElement().asString()
          .startsWith("00-" + TRACE_ID + "-").doesNotContain(PARENT_ID);
      assertThat(received.values("x-b3-traceid")).as("%s %s", order, client).isEmpty();
      assertOnlyTheTracersContext(received);
    }
  }

  private Downstream.Received call(AppJvm app, String client, String via, List<String> headerLines) {
    String id = newId();
    String target = via == null ? probe(downstream, client, id) : probe(downstream, client, id, via);
    RawHttp.Response response = app.get(target, headerLines.toArray(new String[0]));
    assertThat(response.body()).as(app.output()).endsWith(": 200");
    return downstream.await(id, Duration.ofSeconds(60));
  }
}
