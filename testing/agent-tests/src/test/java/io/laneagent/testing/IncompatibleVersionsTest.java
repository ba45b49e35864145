package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Libraries older than an instrumentation supports — the type it instruments exists, the members its
 * advice and helpers call do not — are skipped when classes are matched: nothing of theirs is
 * instrumented (the debug log, which in the same JVM does name what is instrumented, never names
 * them), the agent says once at start which library is too old, the application works exactly as
 * without the agent, and no {@code NoSuchMethodError}, {@code VerifyError} or
 * {@code ClassCircularityError} ever shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncompatibleVersionsTest {

  private static final String[] LINKAGE_TROUBLE =
      {"NoSuchMethodError", "NoSuchFieldError", "VerifyError", "ClassCircularityError", "IncompatibleClassChangeError",
          "AbstractMethodError", "LINKAGE ERROR", "could not instrument", "Exception in thread"};

  private Downstream downstream;
  private Map<TestApp, AppJvm> apps;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    apps = SharedStart.all(new TestApp[] {TestApp.TOO_OLD_LIBS, TestApp.WEBFLUX_TOO_OLD}, app -> AppJvm.of(app)
        .agentArgs("debug=true").env("LANE_LOCAL", "prod")
        .args("--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
            "--downstream.url=" + downstream.url("")));
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    downstream.close();
  }

  /** kafka-clients 0.10.2: producer and consumer are left alone; the HTTP call after them keeps the lane. */
  @Test
  void kafkaClientsWithoutRecordHeadersAreSkipped() {
    AppJvm app = apps.get(TestApp.TOO_OLD_LIBS);
    String id = newId();
    RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=kafka010"), laneHeader("gray"));
    assertThat(response.body()).as(app.output()).isEqualTo("called " + id + " via urlconnection: 200");
    assertThat(downstream.await(id).values("env")).containsExactly("gray");
    assertThat(app.output()).doesNotContain("instrumented org.apache.kafka").doesNotContain(LINKAGE_TROUBLE)
        .contains("instrumented sun.net.www.protocol.http.HttpURLConnection");
    assertThat(app.agentLines()).filteredOn(line -> line.contains("WARN"))
        .singleElement().asString().contains("kafka-clients before 0.11", "not supported");
  }

  /**
   * Spring 5.2 / Reactor 3.3 / reactor-netty 0.9 / Spring Cloud Gateway 2.2: WebFlux's lanes, Reactor's
   * hooks (whose helpers would fail in every chain on Reactor 3.3) and reactor-netty's client are skipped,
   * and the agent names both at start; every reactive call shape and the gateway still work. (Lanes are
   * not carried there: that generation is not supported. Only the edge's advice, which needs nothing
   * newer than Spring 5.0, is on WebFlux's adapter: see TrustBoundaryTest.)
   */
  @Test
  void reactiveStacksOlderThanReactor34AreSkipped() {
    AppJvm app = apps.get(TestApp.WEBFLUX_TOO_OLD);
    for (String call : new String[] {"webclient", "webclient-publishon", "webclient-chained", "webclient-timeout",
        "netty", "netty-publishon", "blocking-boundedelastic"}) {
      String id = newId();
      RawHttp.Response response = app.get(probe(downstream, call, id), laneHeader("gray"));
      assertThat(response.body()).as("%s\n%s", call, app.output()).isEqualTo("called " + id + " via " + call + ": 200");
      downstream.await(id);
    }
    String id = newId();
    RawHttp.Response response = app.get("/gw/next", "x-probe-id: " + id, "env: gray");
    assertThat(response.status()).as(app.output()).isEqualTo(200);
    downstream.await(id);
    assertThat(app.output())
        .doesNotContain("instrumented reactor.core.publisher.Mono", "instrumented reactor.core.publisher.Flux",
            "instrumented reactor.netty.http.client",
            "defined helper io.laneagent.instrumentation.reactor")
        .doesNotContain(LINKAGE_TROUBLE)
        .contains("instrumented org.springframework.web.server.adapter.HttpWebHandlerAdapter");
    assertThat(app.agentLines()).filteredOn(line -> line.contains("WARN")).hasSize(2)
        .anySatisfy(line -> assertThat(line).contains("Spring WebFlux on Reactor before 3.4", "not supported"))
        .anySatisfy(line -> assertThat(line).contains("reactor-netty before 1.0", "not supported"));
  }
}
