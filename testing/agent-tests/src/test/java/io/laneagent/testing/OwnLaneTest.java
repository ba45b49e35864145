package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code lane.local} (here from the environment variable {@code LANE_LOCAL}, as the Downward API sets
 * it): a request without a lane goes out in the pod's own lane, a request with one keeps its own, and
 * a pooled server thread never hands one request's lane to the next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnLaneTest {

  private static final TestApp[] APPS = {TestApp.JDK_HTTPSERVER, TestApp.TOMCAT_11_JAKARTA, TestApp.JETTY_9_JAVAX};

  private Map<TestApp, AppJvm> apps;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    apps = SharedStart.all(APPS, app -> AppJvm.of(app).env("LANE_LOCAL", "prod"));
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    downstream.close();
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"JDK_HTTPSERVER", "TOMCAT_11_JAKARTA", "JETTY_9_JAVAX"})
  void noLaneMeansTheOwnLaneAndPooledThreadsForgetTheLastRequest(TestApp app) {
    // Alternate on a few server threads: each request sees its own lane or the own lane, never the
    // previous request's.
    String[] lanes = {"gray", null, "daily", null, "gray", "prod", null};
    for (int round = 0; round < 6; round++) {
      for (String lane : lanes) {
        for (String client : Probes.CLIENTS) {
          String id = newId();
          apps.get(app).get(probe(downstream, client, id), laneHeader(lane));
          assertThat(downstream.await(id).values("env")).as("%s %s round %d", client, lane, round)
              .containsExactly(lane == null ? "prod" : lane);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"TOMCAT_11_JAKARTA", "JETTY_9_JAVAX"})
  void asyncWorkGetsTheRequestsLaneNotTheOwnLane(TestApp app) {
    for (String mode : new String[] {"async", "async-dispatch", "error"}) {
      String id = newId();
      apps.get(app).get(probe(downstream, Probes.HTTP_CLIENT_ASYNC, id, "mode=" + mode), laneHeader("gray"));
      assertThat(downstream.await(id).values("env")).as(mode).containsExactly("gray");
    }
  }
}
