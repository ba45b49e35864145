package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Property-based: whatever bytes a client puts in lane headers — control characters, CR/LF and
 * header-splitting attempts, any Unicode, huge values, many or repeated headers — reading them never
 * throws, and what comes out is either no lane or a value that is safe on the wire; warnings never echo
 * the value, and the log's bookkeeping stays bounded.
 */
class HostileInputPropertiesTest {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeProperty
  void captureLog() {
    LaneLog.redirect(new PrintStream(log, true));
    LaneLog.resetRateLimits();
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user").build());
  }

  @AfterProperty
  void restore() {
    LaneLog.redirect(System.err);
    LaneLog.resetRateLimits();
    LaneSettings.install(LaneSettings.builder().build());
  }

  /**
   * The rule, written out here independently of the code under test: HTTP's optional white space (SP,
   * HTAB) around the value is not part of it; what is left is a lane if it is 1–128 characters of
   * {@code [A-Za-z0-9._-]}. Returns the lane, or null.
   */
  static String expectedLane(String raw) {
    String value = trimOws(raw);
    return SAFE.matcher(value).matches() ? value : null;
  }

  private static final Pattern OWS_AROUND = Pattern.compile("^[ \t]*(.*?)[ \t]*$", Pattern.DOTALL);

  static String trimOws(String raw) {
    java.util.regex.Matcher trimmed = OWS_AROUND.matcher(raw);
    return trimmed.matches() ? trimmed.group(1) : raw;
  }

  /** Valid lanes, sometimes with white space around them: accepted values must be a real share of the tries. */
  @Provide
  Arbitrary<String> validPadded() {
    Arbitrary<String> lane = Arbitraries.strings().withChars("abcXYZ019._-").ofMinLength(1).ofMaxLength(128);
    Arbitrary<String> padding = Arbitraries.strings().withChars(" \t").ofMaxLength(3);
    return net.jqwik.api.Combinators.combine(padding, lane, padding).as((before, value, after) -> before + value + after);
  }

  /** Any string, often with the characters attackers use, and valid lanes among them. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(300);
    Arbitrary<String> nearlyValid = Arbitraries.strings()
        .withChars("abcXYZ019._-\r\n\t \u0000\u007f\u00e9\u2028\u202e:;,=\"'%")
        .ofMinLength(0).ofMaxLength(140);
    Arbitrary<String> splitting = Arbitraries.of("gray\r\nx-injected: 1", "gray\nx-injected: 1", "gray\rx: 1",
        "gray\r\n\r\nGET / HTTP/1.1", " gray ", "gray, daily", "gray\u0000", "%0d%0ax-injected:1", "gr\u00e4y");
    Arbitrary<String> huge = Arbitraries.strings().withChars("ab").ofMinLength(129).ofMaxLength(20_000);
    return Arbitraries.oneOf(anyUnicode, nearlyValid, splitting, huge, validPadded());
  }

  @Property(tries = 2000)
  void anyValueGivesExactlyTheLaneTheRuleSays(@ForAll("hostile") String value) {
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, value);
    Lanes lanes = reader.finish("property");
    String expected = expectedLane(value);
    Statistics.label("accepted").collect(expected != null);
    assertThat(lanes.get(0)).as("lane of %s", printable(value)).isEqualTo(expected);
    if (expected != null) {
      assertThat(lanes.get(0)).matches(SAFE);
    }
    // a property that every value passes by being dropped would prove nothing
    Statistics.label("accepted").coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value.chars().limit(60).forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }

  @Property(tries = 500)
  void manyAndRepeatedHeadersGiveNoLaneOrOneSafeValue(
      @ForAll("repeated") List<String> values, @ForAll("repeated") List<String> users) {
    InboundLaneReader reader = InboundLaneReader.start();
    values.forEach(v -> reader.add(0, v));
    users.forEach(v -> reader.byName().accept("X-USER", java.util.Collections.singletonList(v)));
    Lanes lanes = reader.finish("property");
    assertThat(lanes.get(0)).isEqualTo(expectedOfRepeated(values));
    assertThat(lanes.get(1)).isEqualTo(expectedOfRepeated(users));
    Statistics.label("repeated headers").collect(lanes.get(0) != null ? "lane" : "none");
    Statistics.label("repeated headers").coverage(coverage -> coverage.check("lane").percentage(p -> p >= 5));
  }

  /** Repeated lines of one header: one lane if they all say the same (white space aside) and it is valid. */
  private static String expectedOfRepeated(List<String> values) {
    List<String> distinct = new ArrayList<>();
    for (String value : values) {
      String stripped = trimOws(value);
      if (!distinct.contains(stripped)) {
        distinct.add(stripped);
      }
    }
    return distinct.size() == 1 ? expectedLane(distinct.get(0)) : null;
  }

  /** Repeated header lines: hostile ones, and often the same valid value several times (one lane). */
  @Provide
  Arbitrary<List<String>> repeated() {
    Arbitrary<List<String>> anyValues = hostile().list().ofMaxSize(200);
    Arbitrary<List<String>> sameValue = net.jqwik.api.Combinators.combine(validPadded(), Arbitraries.integers().between(1, 5))
        .as((value, times) -> java.util.Collections.nCopies(times, value));
    return Arbitraries.oneOf(anyValues, sameValue);
  }

  @Property(tries = 300)
  void warningsNeverEchoTheValue(@ForAll("hostile") String value) {
    LaneLog.resetRateLimits();
    log.reset();
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, value);
    reader.finish("property");
    String printed = new String(log.toByteArray(), StandardCharsets.UTF_8);
    String stripped = trimOws(value);
    if (!printed.isEmpty() && stripped.length() > 3) {
      assertThat(printed).doesNotContain(stripped);
    }
    assertThat(printed).doesNotContain("\r").doesNotContain("x-injected");
  }

  @Property(tries = 20)
  void rateLimitBookkeepingStaysBounded(@ForAll @Size(min = 1, max = 3000) List<@net.jqwik.api.From("hostile") String> keys) {
    for (String key : keys) {
      LaneLog.warnRateLimited("invalid:" + key, "dropped");
    }
    assertThat(LaneLog.rateLimitKeys()).isLessThanOrEqualTo(1024);
  }
}
