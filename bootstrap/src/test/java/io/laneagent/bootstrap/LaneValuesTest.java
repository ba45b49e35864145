package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaneValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"gray", "prod", "daily", "v1.2_canary-3", "A"})
  void acceptsLaneCharacters(String value) {
    assertThat(LaneValues.invalidReason(value)).isNull();
  }

  @Test
  void accepts128Characters() {
    assertThat(LaneValues.invalidReason("x".repeat(128))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "gr ay", "gray\r\nX-Injected: 1", "gray\n", "gray\u0000", "gray\u007f", "gräy",
      "gray,daily", "gray;q=1", "a/b", "<script>", "\u202egray"})
  void rejectsEverythingElse(String value) {
    assertThat(LaneValues.invalidReason(value)).isNotNull();
  }

  @Test
  void rejectsOversizeValues() {
    assertThat(LaneValues.invalidReason("x".repeat(129))).contains("longer than 128");
  }

  @Test
  void reasonNeverEchoesTheValue() {
    assertThat(LaneValues.invalidReason("evil\r\nSet-Cookie: x")).doesNotContain("evil").contains("0xd");
  }

  @Test
  void allowListRejectsOtherValidValues() {
    LaneSettings settings = LaneSettings.builder().allowed(Set.of("gray", "prod")).build();
    assertThat(LaneValues.rejectReason("gray", settings)).isNull();
    assertThat(LaneValues.rejectReason("daily", settings)).contains("lane.allowed");
  }

  @Test
  void stripsOnlyHttpWhiteSpace() {
    assertThat(LaneValues.stripOws(" \tgray\t ")).isEqualTo("gray");
    assertThat(LaneValues.stripOws("\ngray")).isEqualTo("\ngray");
  }
}
