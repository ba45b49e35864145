package io.laneagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plain OpenFeign (oldest and newest claimed) on each of its clients, under the real agent jar: the lane
 * arrives exactly once although both Feign and the client underneath are instrumented, and Feign alone
 * (every HTTP client instrumentation switched off) still carries it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeignTest {

  private static final TestApp[] APPS = {TestApp.FEIGN_OLDEST, TestApp.FEIGN_NEWEST};
  private static final String[] CLIENTS = {"feign-default", "feign-okhttp", "feign-apache4", "feign-hc5"};

  private Map<TestApp, AppJvm> apps;
  private Map<TestApp, AppJvm> feignOnly;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    apps = SharedStart.all(APPS, app -> AppJvm.of(app).env("LANE_LOCAL", "prod"));
    feignOnly = SharedStart.all(APPS, app -> AppJvm.of(app)
        .env("LANE_LOCAL", "prod")
        .env("LANE_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "false")
        .env("LANE_INSTRUMENTATION_OKHTTP_ENABLED", "false")
        .env("LANE_INSTRUMENTATION_APACHE_HTTPCLIENT_4_ENABLED", "false")
        .env("LANE_INSTRUMENTATION_APACHE_HTTPCLIENT_5_ENABLED", "false"));
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    feignOnly.values().forEach(AppJvm::close);
    downstream.close();
  }

  static Stream<Arguments> everyVersionEveryClient() {
    return Probes.everyAppEveryClient(APPS, CLIENTS);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theLaneArrivesExactlyOnce(TestApp app, String client) {
    for (Map<TestApp, AppJvm> set : List.of(apps, feignOnly)) {
      ClientChecks.laneArrivesExactlyOnce(set.get(app), downstream, client, "prod");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theApplicationsOwnHeaderWins(TestApp app, String client) {
    ClientChecks.applicationHeaderWins(apps.get(app), downstream, client, "env", "ENV");
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"FEIGN_OLDEST", "FEIGN_NEWEST"})
  void feignAloneIsReportedAndOthersAreOff(TestApp app) {
    assertThat(feignOnly.get(app).agentLines().get(0)).contains("feign").contains("okhttp (disabled)");
  }
}
