package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The trust boundary: an edge service with {@code lane.trust-inbound=false} (and {@code LANE_LOCAL=prod})
 * never lets a lane an outside client sent reach the next hop — not through its own outbound calls and
 * not through code that copies inbound headers (a Spring Cloud Gateway route, a proxy servlet, a JDK
 * HttpServer proxy handler) — while the edge's own rules that set a lane per user still decide.
 * Each copying path has its no-agent control, which shows the client's lane does get through there
 * without the agent. Credential headers are never carried unless explicitly allowed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustBoundaryTest {

  /** The edges, each a copying path: Tomcat's proxy servlet (javax and jakarta), the JDK server's proxy, gateways. */
  private static final TestApp[] EDGES = {TestApp.TOMCAT_9_JAVAX, TestApp.TOMCAT_11_JAKARTA, TestApp.JETTY_9_JAVAX,
      TestApp.JETTY_12_JAKARTA, TestApp.UNDERTOW_JAKARTA, TestApp.JDK_HTTPSERVER, TestApp.WEBFLUX_OLDEST,
      TestApp.WEBFLUX_NEWEST, TestApp.WEBFLUX_TOO_OLD};
  /** The no-agent controls: one per kind of copying path. */
  private static final TestApp[] CONTROLS = {TestApp.TOMCAT_11_JAKARTA, TestApp.JDK_HTTPSERVER, TestApp.WEBFLUX_NEWEST};

  private Downstream downstream;
  private Map<TestApp, AppJvm> edges;
  private Map<TestApp, AppJvm> controls;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    edges = SharedStart.all(EDGES, app -> app(app).env("LANE_LOCAL", "prod").env("LANE_TRUST_INBOUND", "false"));
    controls = SharedStart.all(CONTROLS, app -> app(app).withoutAgent());
  }

  private AppJvm.Builder app(TestApp app) {
    return AppJvm.of(app).args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + downstream.url(""),
        "--spring.main.banner-mode=off");
  }

  @AfterAll
  void stop() throws Exception {
    edges.values().forEach(AppJvm::close);
    controls.values().forEach(AppJvm::close);
    downstream.close();
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class,
      names = {"TOMCAT_9_JAVAX", "TOMCAT_11_JAKARTA", "JETTY_9_JAVAX", "JETTY_12_JAKARTA", "UNDERTOW_JAKARTA", "JDK_HTTPSERVER"})
  void anEdgeIgnoresClientLanesInItsOwnCallsAndSendsItsOwnLane(TestApp app) {
    for (String client : Probes.CLIENTS) {
      for (String lane : new String[] {"gray", null}) {
        String id = newId();
        edges.get(app).get(probe(downstream, client, id), laneHeader(lane));
        assertThat(downstream.await(id).values("env")).as("%s, client sent %s", client, lane).containsExactly("prod");
      }
    }
    assertThat(edges.get(app).agentLines()).first().asString().contains("trust-inbound=false");
  }

  /**
   * The servlet containers run the application on a request view without the client's lanes: every later
   * dispatch (forward, include, error page, async) works on it as on the container's own request.
   */
  @ParameterizedTest
  @EnumSource(value = TestApp.class,
      names = {"TOMCAT_9_JAVAX", "TOMCAT_11_JAKARTA", "JETTY_9_JAVAX", "JETTY_12_JAKARTA", "UNDERTOW_JAKARTA"})
  void everyDispatchOfAnEdgeRequestRunsInTheOwnLane(TestApp app) {
    for (String mode : new String[] {"filter", "forward", "include", "error", "async", "async-dispatch"}) {
      String id = newId();
      RawHttp.Response response = edges.get(app).get(probe(downstream, Probes.URL_CONNECTION, id, "mode=" + mode),
          "env: gray");
      assertThat(response.body()).as("%s\n%s", mode, edges.get(app).output()).contains("called " + id);
      assertThat(downstream.await(id).values("env")).as(mode).containsExactly("prod");
    }
  }

  /** A handler that copies every inbound header forwards no client lane: the agent hides it, the own lane goes. */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"TOMCAT_9_JAVAX", "TOMCAT_11_JAKARTA", "JDK_HTTPSERVER"})
  void aProxyThatCopiesHeadersForwardsNoClientLane(TestApp app) {
    for (String lane : new String[] {"gray", "GRAY", null}) {
      List<String> headers = new ArrayList<>(List.of("x-probe-id: " + newId()));
      if (lane != null) {
        headers.add("Env: " + lane);
      }
      assertThat(throughProxy(edges.get(app), headers)).as("client sent %s", lane).containsExactly("prod");
    }
  }

  /** The control: without the agent the same proxy forwards the client's lane (so the test above shows the agent's work). */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"TOMCAT_11_JAKARTA", "JDK_HTTPSERVER"})
  void withoutTheAgentTheProxyForwardsTheClientsLane(TestApp app) {
    assertThat(throughProxy(controls.get(app), List.of("x-probe-id: " + newId(), "env: gray"))).containsExactly("gray");
  }

  /** The edge's own rule (a filter that shows {@code env: gray} for user alice) still decides; bob gets the own lane. */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"TOMCAT_9_JAVAX", "TOMCAT_11_JAKARTA"})
  void theEdgesOwnPerUserRuleStillSetsTheLane(TestApp app) {
    assertThat(throughProxy(edges.get(app), List.of("x-probe-id: " + newId(), "x-user: alice", "env: daily")))
        .containsExactly("gray");
    assertThat(throughProxy(edges.get(app), List.of("x-probe-id: " + newId(), "x-user: alice"))).containsExactly("gray");
    assertThat(throughProxy(edges.get(app), List.of("x-probe-id: " + newId(), "x-user: bob", "env: daily")))
        .containsExactly("prod");
  }

  private List<String> throughProxy(AppJvm app, List<String> headers) {
    String id = headers.get(0).substring("x-probe-id: ".length());
    String target = "/proxy?target=" + URLEncoder.encode(downstream.url("/next"), StandardCharsets.UTF_8);
    RawHttp.Response response = app.get(target, headers.toArray(new String[0]));
    assertThat(response.body()).as(app.output()).isEqualTo("proxied: 200");
    return downstream.await(id).values("env");
  }

  /**
   * A plain Spring Cloud Gateway route, oldest and newest generation we support: the client's lane is
   * gone before the route copies headers, the gateway's own lane goes instead.
   */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST"})
  void aGatewayRouteForwardsNoClientLane(TestApp app) {
    for (String lane : new String[] {"gray", "daily", null}) {
      assertThat(throughGateway(edges.get(app), "/gw/next", lane)).as("client sent %s", lane).containsExactly("prod");
    }
    assertThat(throughGateway(edges.get(app), "/gw/next", "gray", "ENV: daily")).containsExactly("prod");
  }

  /** The control: without the agent the gateway route forwards the client's lane itself. */
  @Test
  void withoutTheAgentTheGatewayRouteForwardsTheClientsLane() {
    assertThat(throughGateway(controls.get(TestApp.WEBFLUX_NEWEST), "/gw/next", "gray")).containsExactly("gray");
  }

  /**
   * Spring Cloud Gateway 2.2.6 (Boot 2.3, reactor-netty 0.9) is older than the agent supports: it says so at
   * start, sends no own lane there — but the edge still hides the client's lane from the route.
   */
  @Test
  void anUnsupportedGatewayIsNamedAtStartAndStillForwardsNoClientLane() {
    AppJvm gateway = edges.get(TestApp.WEBFLUX_TOO_OLD);
    assertThat(throughGateway(gateway, "/gw/next", "gray")).isEmpty();
    assertThat(throughGateway(gateway, "/gw/next", null)).isEmpty();
    assertThat(gateway.agentLines()).anySatisfy(line -> assertThat(line)
        .contains("WARN", "Spring WebFlux on Reactor before 3.4", "not supported"));
  }

  /** Per-user gray at the gateway (the source documents' gateway): the gateway's own filter decides. */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"WEBFLUX_OLDEST", "WEBFLUX_NEWEST"})
  void anEdgeGatewaysOwnFiltersStillDecide(TestApp app) {
    AppJvm gateway = edges.get(app);
    assertThat(throughGateway(gateway, "/gw-user/next", "daily", "x-user: alice")).containsExactly("gray");
    assertThat(throughGateway(gateway, "/gw-user/next", "daily", "x-user: bob")).containsExactly("prod");
    assertThat(throughGateway(gateway, "/gw-set/next", "daily")).containsExactly("rewritten");
    String id = newId();
    gateway.get(probe(downstream, "webclient-publishon", id), laneHeader("gray"));
    assertThat(downstream.await(id).values("env")).containsExactly("prod");
  }

  private List<String> throughGateway(AppJvm gateway, String path, String lane, String... more) {
    return ClientChecks.throughGateway(gateway, downstream, path, lane, more);
  }


  @Test
  void credentialHeadersAreRefusedAtStartAndNeverCarried() {
    try (AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER).env("LANE_HEADERS", "env,authorization,cookie").start()) {
      assertThat(app.agentLines()).anySatisfy(line -> assertThat(line)
          .contains("WARN", "not carrying [authorization, cookie]", "lane.allow-credential-headers=true"));
      assertThat(app.agentLines()).anySatisfy(line -> assertThat(line).contains("headers=[env]"));
      String id = newId();
      app.get(probe(downstream, Probes.URL_CONNECTION, id), "env: gray", "Authorization: Bearer secret",
          "Cookie: session=secret");
      Downstream.Received received = downstream.await(id);
      assertThat(received.values("env")).containsExactly("gray");
      assertThat(received.values("authorization")).isEmpty();
      assertThat(received.values("cookie")).isEmpty();
    }
  }

  @Test
  void credentialHeadersAreCarriedWhenExplicitlyAllowed() {
    try (AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER).env("LANE_HEADERS", "env,authorization")
        .env("LANE_ALLOW_CREDENTIAL_HEADERS", "true").start()) {
      assertThat(app.agentLines()).anySatisfy(line -> assertThat(line).contains("carrying the credential header(s) [authorization]"));
      String id = newId();
      app.get(probe(downstream, Probes.URL_CONNECTION, id), "Authorization: token-123");
      assertThat(downstream.await(id).values("authorization")).containsExactly("token-123");
    }
  }
}
