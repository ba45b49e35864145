package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import java.net.HttpURLConnection;
import java.net.URL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UrlConnectionHeadersTest {

  @AfterEach
  void resetSettings() {
    LaneSettings.install(LaneSettings.builder().build());
  }

  private static HttpURLConnection unconnected() throws Exception {
    return (HttpURLConnection) new URL("http://127.0.0.1:9/").openConnection(); // never connected here
  }

  @Test
  void theOutermostCallWritesTheLanesAndANestedOneWritesNothing() throws Exception {
    HttpURLConnection outer = unconnected();
    HttpURLConnection nested = unconnected();
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      CallDepth depth = UrlConnectionHeaders.enter(outer);
      UrlConnectionHeaders.enter(nested).exit(); // getInputStream -> connect: the same thread, one level down
      depth.exit();
    }
    assertThat(outer.getRequestProperty("env")).isEqualTo("gray");
    assertThat(nested.getRequestProperty("env")).isNull();
  }

  @Test
  void theApplicationsOwnHeaderIsKeptAndAfterTheOutermostCallTheNextOneWritesAgain() throws Exception {
    HttpURLConnection own = unconnected();
    own.setRequestProperty("Env", "blue");
    HttpURLConnection next = unconnected();
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      UrlConnectionHeaders.enter(own).exit();
      UrlConnectionHeaders.enter(next).exit();
    }
    assertThat(own.getRequestProperty("env")).isEqualTo("blue");
    assertThat(next.getRequestProperty("env")).isEqualTo("gray");
  }

  @Test
  void withoutLanesNothingIsWritten() throws Exception {
    HttpURLConnection connection = unconnected();
    UrlConnectionHeaders.enter(connection).exit();
    assertThat(connection.getRequestProperties()).doesNotContainKey("env");
  }
}
