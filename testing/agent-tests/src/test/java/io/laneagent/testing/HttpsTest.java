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
 * Outbound calls over HTTPS (a TLS downstream with a test certificate the apps trust): every client —
 * HttpURLConnection, the JDK HttpClient (send and sendAsync), OkHttp, Apache HttpClient 4 and 5, classic
 * and async, oldest and newest versions — carries the lane or the own lane exactly once, as over plain
 * HTTP. The downstream reads the request head after the TLS handshake, as the next hop would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsTest {

  private static final TestApp[] APPS = {TestApp.HTTP_CLIENTS_OLDEST, TestApp.HTTP_CLIENTS_NEWEST};
  private static final String[] CLIENTS = {Probes.URL_CONNECTION, Probes.HTTP_CLIENT, Probes.HTTP_CLIENT_ASYNC, "okhttp",
      "okhttp-async", "apache4", "apache4-async", "apache5", "apache5-async"};

  private Map<TestApp, AppJvm> apps;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    TestCertificate certificate = TestCertificate.create();
    downstream = Downstream.https(certificate);
    apps = SharedStart.all(APPS, app -> {
      AppJvm.Builder builder = AppJvm.of(app).env("LANE_LOCAL", "prod");
      certificate.trustStoreProperties().forEach(builder::systemProperty);
      return builder;
    });
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
  void theLaneOrTheOwnLaneArrivesExactlyOnceOverHttps(TestApp app, String client) {
    ClientChecks.laneArrivesExactlyOnce(apps.get(app), downstream, client, "prod");
  }
}
