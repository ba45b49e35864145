package io.laneagent.testing;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unmodified Spring Boot 3 and 4 apps calling on with every Spring client — RestTemplate on each
 * request factory (JDK URLConnection, HttpComponents 5, JDK HttpClient, Jetty, reactor-netty),
 * RestClient, WebClient, and Spring Cloud OpenFeign by fixed url and through Spring Cloud
 * LoadBalancer — under the real agent jar: the lane (or the own lane) arrives exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringClientsTest {

  private static final TestApp[] APPS = {TestApp.SPRING_WEB_BOOT3, TestApp.SPRING_WEB_BOOT4};
  private static final String[] CLIENTS =
      {"rt-simple", "rt-hc5", "rt-jdk", "rt-jetty", "rt-reactor", "restclient", "webclient", "feign-url", "feign-lb"};

  private Map<TestApp, AppJvm> apps;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    String base = downstream.url("");
    apps = SharedStart.all(APPS, app -> AppJvm.of(app)
        .env("LANE_LOCAL", "prod")
        .args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + base,
            "--spring.cloud.discovery.client.simple.instances.downstream[0].uri=" + base,
            "--spring.main.banner-mode=off"));
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    downstream.close();
  }

  static Stream<Arguments> everyVersionEveryClient() {
    return Stream.concat(Probes.everyAppEveryClient(APPS, CLIENTS),
        Probes.everyAppEveryClient(new TestApp[] {TestApp.SPRING_WEB_BOOT3}, "rt-okhttp")); // Spring 6 only
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theLaneOrTheOwnLaneArrivesExactlyOnce(TestApp app, String client) {
    ClientChecks.laneArrivesExactlyOnce(apps.get(app), downstream, client, "prod");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theApplicationsOwnHeaderWins(TestApp app, String client) {
    ClientChecks.applicationHeaderWins(apps.get(app), downstream, client, "Env");
  }
}
