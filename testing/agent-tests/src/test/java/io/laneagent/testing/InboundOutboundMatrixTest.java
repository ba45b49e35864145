package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
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
 * Every inbound entry point (JDK HttpServer; Tomcat, Jetty and Undertow, javax and jakarta) × every
 * outbound client (HttpURLConnection, JDK HttpClient send and sendAsync), with and without a lane,
 * under the real agent jar: what arrives at the next hop is what the request brought, exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboundOutboundMatrixTest {

  private final Map<TestApp, AppJvm> apps = new EnumMap<>(TestApp.class);
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    apps.putAll(SharedStart.all(TestApp.SERVERS, app -> AppJvm.of(app)));
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    downstream.close();
  }

  static Stream<Arguments> everyInboundTimesEveryOutbound() {
    List<Arguments> cases = new ArrayList<>();
    for (TestApp app : TestApp.SERVERS) {
      for (String client : Probes.CLIENTS) {
        cases.add(Arguments.of(app, client, "gray"));
        cases.add(Arguments.of(app, client, null));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}, env={2}")
  @MethodSource("everyInboundTimesEveryOutbound")
  void theRequestsLaneReachesTheNextHop(TestApp app, String client, String lane) {
    String id = newId();
    RawHttp.Response response = apps.get(app).get(probe(downstream, client, id), laneHeader(lane));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("called " + id + " via " + client + ": 200");
    Downstream.Received received = downstream.await(id);
    if (lane == null) {
      assertThat(received.values("env")).as("no lane, no own lane: no header\n%s", received).isEmpty();
    } else {
      assertThat(received.values("env")).as(received.rawHead()).containsExactly(lane);
    }
  }

  static Stream<Arguments> servletDispatches() {
    List<Arguments> cases = new ArrayList<>();
    for (TestApp app : TestApp.SERVERS) {
      if (app.isServlet()) {
        for (String mode : new String[] {"filter", "forward", "include", "error", "async", "async-dispatch"}) {
          cases.add(Arguments.of(app, mode));
        }
      }
    }
    return cases.stream();
  }

  /**
   * A filter calling before any servlet runs; forward and include nest inside the request; error and
   * async dispatches come after it ends.
   */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("servletDispatches")
  void laterDispatchesOfTheRequestKeepItsLane(TestApp app, String mode) {
    for (String lane : new String[] {"gray", "daily"}) {
      String id = newId();
      RawHttp.Response response = apps.get(app)
          .get(probe(downstream, Probes.URL_CONNECTION, id, "mode=" + mode), laneHeader(lane));

      assertThat(response.body()).contains("called " + id);
      assertThat(downstream.await(id).values("env")).as(mode).containsExactly(lane);
    }
  }

  static Stream<Arguments> everyAppEveryClient() {
    List<Arguments> cases = new ArrayList<>();
    for (TestApp app : TestApp.SERVERS) {
      for (String client : Probes.CLIENTS) {
        cases.add(Arguments.of(app, client));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("everyAppEveryClient")
  void aHeaderTheApplicationSetsIsNeverOverwrittenNorSentTwice(TestApp app, String client) {
    for (String name : new String[] {"env", "ENV"}) {
      String id = newId();
      apps.get(app).get(probe(downstream, client, id, "appHeader=app-chosen", "appHeaderName=" + name),
          laneHeader("gray"));

      assertThat(downstream.await(id).values("env")).containsExactly("app-chosen");
    }
  }
}
