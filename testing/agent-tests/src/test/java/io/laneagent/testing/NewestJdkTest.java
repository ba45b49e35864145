package io.laneagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same inbound × outbound proof with the applications on JDK 25 (the suite itself runs on 17). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewestJdkTest {

  private static final TestApp[] APPS = {TestApp.JDK_HTTPSERVER, TestApp.TOMCAT_11_JAKARTA, TestApp.JETTY_12_JAKARTA};

  private Map<TestApp, AppJvm> apps;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    apps = SharedStart.all(APPS, app -> AppJvm.of(app).javaHome(AppJvm.jdk25()).env("LANE_LOCAL", "prod"));
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    downstream.close();
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"JDK_HTTPSERVER", "TOMCAT_11_JAKARTA", "JETTY_12_JAKARTA"})
  void lanesPropagateOnJdk25(TestApp app) {
    assertThat(apps.get(app).output()).contains("java=25", "instrumentations=[" + AppJvm.ALL_INSTRUMENTATIONS + "]");
    Probes.assertLanesPropagate(apps.get(app), downstream, "prod");
  }
}
