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
 * OkHttp (3, 4, 5; execute and enqueue) and Apache HttpClient (4.3 and 4.5, 5.0 and 5.6; default,
 * minimal and async clients, HttpAsyncClient 4.0 and 4.1) under the real agent jar, oldest and newest versions side by side: the lane — or the
 * own lane — arrives at the next hop exactly once, and the application's own header wins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpClientLibrariesTest {

  private static final TestApp[] APPS =
      {TestApp.HTTP_CLIENTS_OLDEST, TestApp.HTTP_CLIENTS_OKHTTP4, TestApp.HTTP_CLIENTS_NEWEST};
  private static final String[] CLIENTS =
      {"okhttp", "okhttp-async", "apache4", "apache4-minimal", "apache4-async", "apache5", "apache5-minimal",
          "apache5-async"};

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

  static Stream<Arguments> everyVersionEveryClient() {
    return Probes.everyAppEveryClient(APPS, CLIENTS);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theLaneOrTheOwnLaneArrivesExactlyOnce(TestApp app, String client) {
    ClientChecks.laneArrivesExactlyOnce(apps.get(app), downstream, client, "prod");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theApplicationsOwnHeaderWins(TestApp app, String client) {
    ClientChecks.applicationHeaderWins(apps.get(app), downstream, client, "env", "Env");
  }
}
