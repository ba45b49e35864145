package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The configuration as users give it (agent argument, system property, environment variable, in that
 * priority), what the agent says at start, and that a malformed setting is named and never stops the
 * application.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConfigurationTest {

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
  void oneInfoLineAtStartAndNothingElse() {
    try (AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER).env("LANE_LOCAL", "gray").start()) {
      String id = newId();
      app.get(probe(downstream, Probes.HTTP_CLIENT, id), laneHeader("daily"));
      downstream.await(id);

      List<String> lines = app.agentLines();
      assertThat(lines).hasSize(1);
      assertThat(lines.get(0)).startsWith("[lane-agent] INFO lane-agent ")
          .contains("started", "headers=[env]", "local=gray",
              "instrumentations=[" + AppJvm.ALL_INSTRUMENTATIONS + "]");
    }
  }

  @Test
  void agentArgumentsBeatSystemPropertiesWhichBeatTheEnvironment() {
    try (AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER)
        .agentArgs("headers=env,x-user,local=from-args")
        .systemProperty("lane.local", "from-property")
        .systemProperty("lane.headers", "only-from-property")
        .env("LANE_LOCAL", "from-env")
        .env("LANE_DEBUG", "false")
        .start()) {
      String id = newId();
      app.get(probe(downstream, Probes.URL_CONNECTION, id), "x-user: alice");
      Downstream.Received received = downstream.await(id);
      assertThat(received.values("env")).containsExactly("from-args");
      assertThat(received.values("x-user")).containsExactly("alice");
      assertThat(received.values("only-from-property")).isEmpty();
    }
    try (AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER)
        .systemProperty("lane.local", "from-property")
        .env("LANE_LOCAL", "from-env")
        .start()) {
      String id = newId();
      app.get(probe(downstream, Probes.URL_CONNECTION, id));
      assertThat(downstream.await(id).values("env")).containsExactly("from-property");
    }
  }

  @Test
  void malformedSettingsAreNamedAndTheDefaultsApply() {
    try (AppJvm app = AppJvm.of(TestApp.TOMCAT_9_JAVAX)
        .agentArgs("nonsense;headers=en v,local=gr ay")
        .systemProperty("lane.debug", "maybe")
        .systemProperty("lane.instrumentation.servlet.enabled", "sometimes")
        .systemProperty("lane.typo", "1")
        .env("LANE_ALLOWED", "@@@")
        .start()) {
      String output = String.join("\n", app.agentLines());
      assertThat(output)
          .contains("ignoring lane.headers=en v (agent argument): 'en v' is not a valid HTTP header name; using the default env")
          .contains("ignoring lane.local=gr ay (agent argument)")
          .contains("ignoring lane.debug=maybe (system property -Dlane.debug): expected true or false; using the default false")
          .contains("lane.instrumentation.servlet.enabled=sometimes")
          .contains("ignoring the unknown system property -Dlane.typo")
          .contains("ignoring 'nonsense' in the agent argument")
          .contains("lane.allowed (environment variable LANE_ALLOWED)")
          .contains("instrumentations=[" + AppJvm.ALL_INSTRUMENTATIONS + "]");

      // and the application works, with the defaults: header env, no own lane
      String id = newId();
      RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id), laneHeader("gray"));
      assertThat(response.status()).isEqualTo(200);
      assertThat(downstream.await(id).values("env")).containsExactly("gray");
    }
  }

  @Test
  void anInstrumentationCanBeSwitchedOff() {
    try (AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER)
        .env("LANE_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "false")
        .start()) {
      assertThat(app.agentLines().get(0))
          .contains("instrumentations=[" + AppJvm.ALL_INSTRUMENTATIONS.replace("http-url-connection, ", "") + "]")
          .contains("off=[http-url-connection (disabled)]");
      String viaUrlConnection = newId();
      app.get(probe(downstream, Probes.URL_CONNECTION, viaUrlConnection), laneHeader("gray"));
      assertThat(downstream.await(viaUrlConnection).values("env")).isEmpty();
      String viaHttpClient = newId();
      app.get(probe(downstream, Probes.HTTP_CLIENT, viaHttpClient), laneHeader("gray"));
      assertThat(downstream.await(viaHttpClient).values("env")).containsExactly("gray");
    }
  }

  @Test
  void debugTracesEachCaptureAndInjection() {
    try (AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER).agentArgs("debug=true").start()) {
      String id = newId();
      app.get(probe(downstream, Probes.HTTP_CLIENT_ASYNC, id), laneHeader("gray"));
      downstream.await(id);
      String output = String.join("\n", app.agentLines());
      assertThat(output).contains("DEBUG inbound jdk-httpserver", "lanes [env=gray]")
          .contains("DEBUG outbound java.net.http.HttpClient", "env=gray");
    }
  }
}
