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

  @ParameterizedTest
  @ValueSource(strings = {"gray", "prod", "daily", "", "b@d", "gray\r\n", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "gräy", "\u202egray"})
  void theCounterReasonDecidesWhatTheTextualReasonDecides(String value) {
    // the reader decides by dropCounter and builds the text only for a printed warning: they must agree
    LaneSettings settings = LaneSettings.builder().allowed(Set.of("gray", "prod")).build();
    String reason = LaneValues.rejectReason(value, settings);
    String counter = LaneValues.dropCounter(value, settings);
    assertThat(counter == null).isEqualTo(reason == null);
    if (counter != null) {
      assertThat(counter).isEqualTo(LaneValues.invalidReason(value) == null
          ? LaneCounters.NOT_ALLOWED : LaneCounters.INVALID_LANE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "a=b,c=d", "x+/=", "",
      "ok\r\nX-Injected: 1", "\u0000", "\u007f", "é", "twenty-one characters"})
  void traceValueCheckAgreesWithItsReason(String value) {
    assertThat(LaneValues.isTraceValue(value, 20)).isEqualTo(LaneValues.traceRejectReason(value, 20) == null);
  }

  @Test
  void traceReasonsNameTheDefect() {
    assertThat(LaneValues.traceRejectReason("a\nb", 64)).isEqualTo("it contains a control character (0xa)");
    assertThat(LaneValues.traceRejectReason("é", 64)).isEqualTo("it contains a character outside visible ASCII (U+00E9)");
    assertThat(LaneValues.traceRejectReason("x".repeat(65), 64)).isEqualTo("it is longer than 64 characters (65)");
    assertThat(LaneValues.invalidReason("a b")).isEqualTo("it contains a character outside [A-Za-z0-9._-] (U+0020)");
  }

  @Test
  void stripsOnlyHttpWhiteSpace() {
    assertThat(LaneValues.stripOws(" \tgray\t ")).isEqualTo("gray");
    assertThat(LaneValues.stripOws("\ngray")).isEqualTo("\ngray");
  }
}
