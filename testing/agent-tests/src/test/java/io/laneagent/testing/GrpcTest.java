package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP → gRPC → HTTP, observed at the last hop: a front JVM takes the request (with or without a lane) and
 * makes a gRPC call; a back JVM's gRPC server handles it and calls the downstream. Neither has lane code;
 * neither has an own lane, so a request without a lane must arrive without one. Every stub kind and method
 * type, over grpc-netty, grpc-netty-shaded, OkHttp and in-process, at the oldest and newest grpc-java.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GrpcTest {

  private static final String[] STUBS = {"blocking", "future", "async", "server-streaming", "client-streaming", "bidi"};
  private static final Pattern PORTS = Pattern.compile("GRPC netty=(\\d+) netty-shaded=(\\d+)");

  /** The JVMs: fronts and backs of each version, plus a back without the agent and one at an edge. */
  enum Jvm {
    FRONT_OLDEST(TestApp.GRPC_OLDEST), BACK_OLDEST(TestApp.GRPC_OLDEST),
    FRONT_NEWEST(TestApp.GRPC_NEWEST), BACK_NEWEST(TestApp.GRPC_NEWEST),
    FRONT_OKHTTP_NEWEST(TestApp.GRPC_OKHTTP_NEWEST),
    BACK_WITHOUT_AGENT(TestApp.GRPC_NEWEST), BACK_AT_AN_EDGE(TestApp.GRPC_NEWEST);

    final TestApp app;

    Jvm(TestApp app) {
      this.app = app;
    }
  }

  private Map<Jvm, AppJvm> jvms;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    jvms = SharedStart.all(Jvm.values(), jvm -> {
      AppJvm.Builder builder = AppJvm.of(jvm.app);
      if (jvm == Jvm.BACK_WITHOUT_AGENT) {
        builder.withoutAgent();
      }
      if (jvm == Jvm.BACK_AT_AN_EDGE) {
        builder.systemProperty("lane.trust-inbound", "false").env("LANE_LOCAL", "prod");
      }
      return builder;
    }, Jvm.class);
  }

  @AfterAll
  void stop() throws Exception {
    SharedStart.closeAll(jvms, downstream);
  }

  static Stream<Arguments> everyTransportEveryStub() {
    List<Arguments> cases = new ArrayList<>();
    Object[][] transports = {
        {Jvm.FRONT_OLDEST, "netty", Jvm.BACK_OLDEST}, {Jvm.FRONT_OLDEST, "netty-shaded", Jvm.BACK_OLDEST},
        {Jvm.FRONT_OLDEST, "okhttp", Jvm.BACK_OLDEST}, {Jvm.FRONT_OLDEST, "inprocess", null},
        {Jvm.FRONT_NEWEST, "netty", Jvm.BACK_NEWEST}, {Jvm.FRONT_NEWEST, "netty-shaded", Jvm.BACK_NEWEST},
        {Jvm.FRONT_NEWEST, "inprocess", null},
        {Jvm.FRONT_OKHTTP_NEWEST, "okhttp", Jvm.BACK_NEWEST}, {Jvm.FRONT_OKHTTP_NEWEST, "inprocess", null}};
    for (Object[] transport : transports) {
      for (String stub : STUBS) {
        cases.add(Arguments.of(transport[0], transport[1], transport[2], stub));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("everyTransportEveryStub")
  void theLaneCrossesTheCallAndNothingElseDoes(Jvm front, String transport, Jvm back, String stub) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      assertThat(lanesAtTheLastHop(front, transport, back, stub, lane)).as("%s %s %s, lane %s", front, transport, stub, lane)
          .isEqualTo(lane == null ? List.of() : List.of(lane));
    }
  }

  static Stream<Arguments> traceHeaderCalls() {
    return Stream.of(Arguments.of(Jvm.FRONT_OLDEST, "netty", Jvm.BACK_OLDEST, "blocking"),
        Arguments.of(Jvm.FRONT_OLDEST, "okhttp", Jvm.BACK_OLDEST, "bidi"),
        Arguments.of(Jvm.FRONT_NEWEST, "netty-shaded", Jvm.BACK_NEWEST, "async"),
        Arguments.of(Jvm.FRONT_NEWEST, "inprocess", null, "future"),
        Arguments.of(Jvm.FRONT_OKHTTP_NEWEST, "okhttp", Jvm.BACK_NEWEST, "blocking"));
  }

  /** Istio's tracing headers cross the gRPC call as metadata, each once and byte for byte; none where none came. */
  @ParameterizedTest(name = "{0} {1} {3}")
  @MethodSource("traceHeaderCalls")
  void theTraceHeadersCrossTheCall(Jvm front, String transport, Jvm back, String stub) {
    TraceHeaders.assertCarriedThrough(lines -> lastHop(front, transport, back, stub, lines));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("streamingStubs")
  void aPoolTaskStartedInTheServerKeepsTheLane(String stub) {
    assertThat(lanesAtTheLastHop(Jvm.FRONT_NEWEST, "netty", Jvm.BACK_NEWEST, stub, "gray", "then=pool"))
        .containsExactly("gray");
  }

  static Stream<String> streamingStubs() {
    return Stream.of("async", "client-streaming", "bidi");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transports")
  void theApplicationsOwnMetadataWins(String transport) {
    // even in-process, where the server runs on threads the caller (in lane gray) handed work to
    Jvm back = transport.equals("inprocess") ? null : Jvm.BACK_NEWEST;
    assertThat(lanesAtTheLastHop(Jvm.FRONT_NEWEST, transport, back, "blocking", "gray", "appMeta=mine"))
        .containsExactly("mine");
  }

  static Stream<String> transports() {
    return Stream.of("netty", "netty-shaded", "inprocess");
  }

  /** 1,000 calls in three lanes, eight at a time, onto a server whose executor has two threads. */
  @Test
  void interleavedCallsOnASmallExecutorNeverMixTheirLanes() throws Exception {
    String[] lanes = {"gray", null, "daily"};
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> mismatches = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        String lane = lanes[i % lanes.length];
        String stub = STUBS[i % STUBS.length];
        mismatches.add(clients.submit(() -> {
          List<String> arrived = lanesAtTheLastHop(Jvm.FRONT_NEWEST, "netty", Jvm.BACK_NEWEST, stub, lane);
          List<String> expected = lane == null ? List.of() : List.of(lane);
          return arrived.equals(expected) ? null : stub + " in " + lane + " arrived as " + arrived;
        }));
      }
      List<String> wrong = new ArrayList<>();
      for (Future<String> result : mismatches) {
        String mismatch = result.get();
        if (mismatch != null) {
          wrong.add(mismatch);
        }
      }
      assertThat(wrong).isEmpty();
    } finally {
      clients.shutdownNow();
    }
  }

  /** The control: without the agent on the server, gRPC itself carries nothing to the next hop. */
  @Test
  void withoutTheAgentOnTheServerTheLaneStopsThere() {
    assertThat(lanesAtTheLastHop(Jvm.FRONT_NEWEST, "netty", Jvm.BACK_WITHOUT_AGENT, "blocking", "gray")).isEmpty();
  }

  /** A server at an edge ignores the client's lane metadata and runs in its own lane. */
  @Test
  void atAnEdgeTheClientsLaneIsIgnored() {
    assertThat(lanesAtTheLastHop(Jvm.FRONT_NEWEST, "netty", Jvm.BACK_AT_AN_EDGE, "blocking", "gray")).containsExactly("prod");
  }

  private List<String> lanesAtTheLastHop(Jvm front, String transport, Jvm back, String stub, String lane, String... extra) {
    return lastHop(front, transport, back, stub, List.of(laneHeader(lane)), extra).values("env");
  }

  /** What the HTTP hop after the gRPC call received, for a request to {@code front} with {@code headerLines}. */
  private Downstream.Received lastHop(Jvm front, String transport, Jvm back, String stub, List<String> headerLines,
      String... extra) {
    List<String> params = new ArrayList<>(List.of("via=grpc", "transport=" + transport, "stub=" + stub));
    if (back != null) {
      params.add("grpc=" + port(back, transport));
    }
    params.addAll(List.of(extra));
    return Probes.nextHop(jvms.get(front), downstream, params, headerLines, "grpc " + stub + " over " + transport
        + ": called {id}…", Downstream.DEFAULT_WAIT, back == null ? "" : jvms.get(back).output());
  }

  private int port(Jvm back, String transport) {
    Matcher ports = PORTS.matcher(jvms.get(back).output());
    assertThat(ports.find()).as("the gRPC ports of %s", back).isTrue();
    return Integer.parseInt(transport.equals("netty-shaded") ? ports.group(2) : ports.group(1));
  }
}
