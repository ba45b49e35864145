package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The trust boundary: an edge service with {@code lane.trust-inbound=false} ignores the lanes outside
 * clients send (it runs them in its own lane, and its gateway filters may still choose a lane per
 * user); credential headers are never carried unless explicitly allowed, and the agent says so at start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustBoundaryTest {

  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
  }

  @AfterAll
  void stop() throws Exception {
    downstream.close();
  }

  @Test
  void anEdgeServletServiceIgnoresClientLanesAndSendsItsOwn() {
    try (AppJvm app = AppJvm.of(TestApp.TOMCAT_11_JAKARTA).env("LANE_LOCAL", "prod").env("LANE_TRUST_INBOUND", "false")
        .start()) {
      for (String lane : new String[] {"gray", null}) {
        String id = newId();
        app.get(probe(downstream, Probes.HTTP_CLIENT, id), laneHeader(lane));
        assertThat(downstream.await(id).values("env")).as("client sent %s", lane).containsExactly("prod");
      }
      assertThat(app.agentLines()).singleElement().asString().contains("trust-inbound=false");
    }
  }

  /**
   * The per-user gray of the source documents at an edge gateway: what the client sent is ignored,
   * what the gateway's own filter decides goes on.
   */
  @Test
  void anEdgeGatewayIgnoresClientLanesButItsOwnFiltersStillDecide() {
    try (AppJvm gateway = AppJvm.of(TestApp.WEBFLUX_NEWEST).env("LANE_LOCAL", "prod").env("LANE_TRUST_INBOUND", "false")
        .args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + downstream.url(""),
            "--spring.main.banner-mode=off")
        .start()) {
      String id = newId();
      gateway.get(probe(downstream, "webclient-publishon", id), laneHeader("gray"));
      assertThat(downstream.await(id).values("env")).containsExactly("prod");

      String alice = newId();
      gateway.get("/gw-user/next", "x-probe-id: " + alice, "x-user: alice", "env: daily");
      assertThat(downstream.await(alice).values("env")).containsExactly("gray");
    }
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
