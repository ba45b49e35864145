package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * Unmodified Spring WebFlux apps on reactor-netty that are also Spring Cloud Gateways — the oldest
 * generation we claim (Boot 2.7, Reactor 3.4, reactor-netty 1.0, Gateway 3.1) and the newest (Boot
 * 4.0, Reactor 3.8, reactor-netty 1.3, Gateway 5.0) — and a WebFlux app on Tomcat through the servlet
 * bridge (Boot 3.5), under the real agent jar, started with {@code LANE_LOCAL=prod}. The lane is
 * observed at the loopback downstream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReactiveTest {

  private static final TestApp[] APPS = {TestApp.WEBFLUX_OLDEST, TestApp.WEBFLUX_NEWEST, TestApp.WEBFLUX_TOMCAT};

  /** How ReactiveApp calls on from reactive code (see its {@code call} method). */
  private static final String[] REACTIVE_CALLS = {
      "webclient", "webclient-publishon", "webclient-subscribeon", "webclient-chained", "webclient-delay",
      "webclient-timeout", "webclient-detached", "netty", "netty-publishon", "blocking-boundedelastic"};

  private Map<TestApp, AppJvm> apps;
  /** The gateways without the agent: the control for what a gateway does by itself (it copies headers). */
  private Map<TestApp, AppJvm> withoutAgent;
  /** The newest generation on JDK 25: helper classes defined without sun.misc.Unsafe, no warnings. */
  private AppJvm onJdk25;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    CompletableFuture<AppJvm> jdk25 =
        CompletableFuture.supplyAsync(() -> reactive(TestApp.WEBFLUX_NEWEST).javaHome(AppJvm.jdk25()).start());
    apps = SharedStart.all(APPS, this::reactive);
    withoutAgent = SharedStart.all(new TestApp[] {TestApp.WEBFLUX_OLDEST, TestApp.WEBFLUX_NEWEST},
        app -> reactive(app).withoutAgent());
    onJdk25 = jdk25.join();
  }

  private AppJvm.Builder reactive(TestApp app) {
    return AppJvm.of(app)
        .env("LANE_LOCAL", "prod")
        .args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + downstream.url(""),
            "--spring.main.banner-mode=off");
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    withoutAgent.values().forEach(AppJvm::close);
    onJdk25.close();
    downstream.close();
  }

  @Test
  void everyReactiveCallCarriesTheLaneOnJdk25() {
    for (String call : REACTIVE_CALLS) {
      ClientChecks.laneArrivesExactlyOnce(onJdk25, downstream, call, "prod");
    }
    assertThat(onJdk25.output()).contains("java=25", " reactor, reactor-netty")
        .doesNotContain("could not instrument", "sun.misc.Unsafe");
  }

  static Stream<Arguments> everyVersionEveryCall() {
    return Probes.everyAppEveryClient(APPS, REACTIVE_CALLS);
  }

  /** On the event loop, after publishOn / subscribeOn hops, timers, chained and detached calls. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryCall")
  void theLaneOrTheOwnLaneArrivesExactlyOnce(TestApp app, String call) {
    ClientChecks.laneArrivesExactlyOnce(apps.get(app), downstream, call, "prod");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryCall")
  void theApplicationsOwnHeaderWins(TestApp app, String call) {
    ClientChecks.applicationHeaderWins(apps.get(app), downstream, call, "env", "Env");
  }

  /** The first of two chained calls, made on the request's event loop, carries the lane too. */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST", "WEBFLUX_TOMCAT"})
  void bothChainedCallsCarryTheLane(TestApp app) {
    String id = newId();
    apps.get(app).get(probe(downstream, "webclient-chained", id), laneHeader("daily"));
    assertThat(downstream.await(id + "-first").values("env")).containsExactly("daily");
    assertThat(downstream.await(id).values("env")).containsExactly("daily");
  }

  /**
   * A plain gateway route. The gateway copies the request's {@code env} itself (see the control below);
   * what needs the agent is the own lane for a request without one, and that a copied lane still goes
   * exactly once.
   */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST"})
  void theGatewaySendsItsOwnLaneForARequestWithoutOneAndACopiedLaneOnce(TestApp app) {
    assertThat(throughGateway(apps.get(app), "/gw/next", null)).containsExactly("prod");
    assertThat(throughGateway(apps.get(app), "/gw/next", "gray")).containsExactly("gray");
  }

  /**
   * {@code SetRequestHeader=env, rewritten}: the gateway's value goes alone, as without the agent — the
   * agent neither replaces nor adds to it, and no own lane slips in where the request had none.
   */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST"})
  void aGatewayFilterThatSetsTheHeaderWins(TestApp app) {
    for (String lane : new String[] {"gray", null}) {
      assertThat(throughGateway(apps.get(app), "/gw-set/next", lane)).as("%s", lane).containsExactly("rewritten");
    }
  }

  /**
   * Per-user gray (the source documents' gateway): user alice is put in gray by the gateway's filter
   * whatever she sent; bob without a lane needs the agent's own lane.
   */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST"})
  void aPerUserGatewayFilterRewritesTheLane(TestApp app) {
    assertThat(throughGateway(apps.get(app), "/gw-user/next", "daily", "x-user: alice")).containsExactly("gray");
    assertThat(throughGateway(apps.get(app), "/gw-user/next", null, "x-user: alice")).containsExactly("gray");
    assertThat(throughGateway(apps.get(app), "/gw-user/next", null, "x-user: bob")).containsExactly("prod");
  }

  /** The control: without the agent a gateway copies lanes and filters set them, but a request without one goes without. */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST"})
  void withoutTheAgentTheGatewayCopiesLanesButSendsNoOwnLane(TestApp app) {
    AppJvm gateway = withoutAgent.get(app);
    assertThat(throughGateway(gateway, "/gw/next", "gray")).containsExactly("gray");
    assertThat(throughGateway(gateway, "/gw/next", null)).isEmpty();
    assertThat(throughGateway(gateway, "/gw-user/next", null, "x-user: bob")).isEmpty();
    assertThat(throughGateway(gateway, "/gw-user/next", null, "x-user: alice")).containsExactly("gray");
  }

  private List<String> throughGateway(AppJvm gateway, String path, String lane, String... more) {
    return ClientChecks.throughGateway(gateway, downstream, path, lane, more);
  }


  /**
   * 1,000 requests per app, with random lanes (gray, daily, none) and random shapes (every reactive
   * call, and the gateway where there is one), 16 at a time on the same few event loops and workers: every downstream call
   * carries its own request's lane, a request without one the own lane — never another request's.
   */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST", "WEBFLUX_TOMCAT"})
  void interleavedRequestsNeverCrossTalk(TestApp app) throws Exception {
    boolean gateway = app != TestApp.WEBFLUX_TOMCAT;
    String[] lanes = {"gray", "daily", null};
    Random random = new Random(9);
    ExecutorService clients = Executors.newFixedThreadPool(16);
    ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        String lane = lanes[random.nextInt(lanes.length)];
        int shape = random.nextInt(REACTIVE_CALLS.length + (gateway ? 1 : 0));
        done.add(clients.submit(() -> {
          String id = newId();
          RawHttp.Response response;
          String what;
          if (shape == REACTIVE_CALLS.length) {
            what = "gateway";
            List<String> headers = new ArrayList<>(List.of(laneHeader(lane)));
            headers.add("x-probe-id: " + id);
            response = apps.get(app).get("/gw/next", headers.toArray(new String[0]));
          } else {
            what = REACTIVE_CALLS[shape];
            response = apps.get(app).get(probe(downstream, what, id), laneHeader(lane));
          }
          List<String> seen = downstream.await(id).values("env");
          List<String> expected = List.of(lane == null ? "prod" : lane);
          if (response.status() != 200 || !seen.equals(expected)) {
            mismatches.add(what + " sent " + lane + ", downstream saw " + seen + " (status " + response.status() + ")");
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(mismatches).isEmpty();
  }
}
