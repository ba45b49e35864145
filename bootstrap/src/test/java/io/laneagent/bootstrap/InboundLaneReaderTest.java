package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboundLaneReaderTest {

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void captureLog() {
    LaneLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
    LaneLog.resetRateLimits();
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user").build());
  }

  @AfterEach
  void restore() {
    LaneLog.redirect(System.err);
    LaneSettings.install(LaneSettings.builder().build());
  }

  @Test
  void readsEachConfiguredHeader() {
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, "gray");
    reader.add(1, "alice");
    assertThat(reader.finish("test")).isEqualTo(Lanes.of("gray", "alice"));
  }

  @Test
  void byNameMatchesHeadersInAnyCaseAndSeesEveryValue() {
    InboundLaneReader reader = InboundLaneReader.start();
    reader.byName().accept("ENV", java.util.Arrays.asList("gray"));
    reader.byName().accept("x-other", java.util.Arrays.asList("ignored"));
    reader.byName().accept("X-User", java.util.Arrays.asList("alice", "alice"));
    assertThat(reader.finish("test")).isEqualTo(Lanes.of("gray", "alice"));

    InboundLaneReader conflicting = InboundLaneReader.start();
    conflicting.byName().accept("env", java.util.Arrays.asList("gray", "daily"));
    assertThat(conflicting.finish("test")).isSameAs(Lanes.EMPTY);
  }

  @Test
  void noHeadersMeansEmpty() {
    assertThat(InboundLaneReader.start().finish("test")).isSameAs(Lanes.EMPTY);
  }

  @Test
  void repeatedEqualValuesAreOneLane() {
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, "gray");
    reader.add(0, " gray");
    assertThat(reader.finish("test")).isEqualTo(Lanes.of("gray", null));
  }

  @Test
  void conflictingValuesAreDroppedWithAWarning() {
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, "gray");
    reader.add(0, "daily");
    reader.add(0, "gray");
    reader.add(1, "bob");
    assertThat(reader.finish("test")).isEqualTo(Lanes.of(null, "bob"));
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN dropped header 'env'", "several different values");
  }

  @Test
  void invalidValuesAreDroppedAndNotEchoed() {
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, "gray\r\nX-Evil: 1");
    assertThat(reader.finish("test")).isSameAs(Lanes.EMPTY);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("control character").doesNotContain("X-Evil");
  }

  @Test
  void valuesOutsideTheAllowListAreDropped() {
    LaneSettings.install(LaneSettings.builder().allowed(Set.of("gray")).build());
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, "daily");
    assertThat(reader.finish("test")).isSameAs(Lanes.EMPTY);
  }

  @Test
  void warningsAreRateLimited() {
    for (int i = 0; i < 1000; i++) {
      InboundLaneReader reader = InboundLaneReader.start();
      reader.add(0, "bad value");
      reader.finish("test");
    }
    assertThat(log.toString(StandardCharsets.UTF_8).lines().count()).isEqualTo(1);
  }
}
