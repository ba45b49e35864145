package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Never hurt the application: instrumentations that cannot be loaded, whose set-up throws, or whose
 * advice cannot be applied are each skipped with one warning; the application and every other
 * instrumentation keep working. The broken ones come from a jar on the application's class path
 * (testing/apps/broken-extension), which the agent's ServiceLoader finds next to its own.
 */
class FailureIsolationTest {

  @Test
  void brokenInstrumentationsAreSkippedAndTheRestWorks() throws Exception {
    Path broken = TestApp.appsDir().resolve("broken-extension/target/classes");
    try (Downstream downstream = new Downstream();
        AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER, broken).start()) {
      for (int i = 0; i < 5; i++) {
        for (String client : Probes.CLIENTS) {
          String id = newId();
          RawHttp.Response response = app.get(probe(downstream, client, id), laneHeader("gray"));
          assertThat(response.status()).isEqualTo(200);
          assertThat(downstream.await(id).values("env")).containsExactly("gray");
        }
      }

      String log = String.join("\n", app.agentLines());
      assertThat(log)
          .contains("WARN an instrumentation could not be loaded and is skipped")
          .contains("io.laneagent.testapp.broken.NoSuchInstrumentation")
          .contains("WARN instrumentation 'test-throwing' could not be installed and is skipped")
          .contains("deliberately broken set-up")
          // the agent's own first, then the class path's (ClassPathInstrumentations)
          .contains("instrumentations=[" + AppJvm.ALL_INSTRUMENTATIONS + ", test-missing-advice]")
          .contains("off=[test-throwing (failed)]");
      assertThat(app.agentLines().stream()
          .filter(line -> line.contains("could not instrument io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp")))
          .as("the class that could not be transformed, reported once:\n%s", log).hasSize(1);
    }
  }
}
