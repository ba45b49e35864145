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

  /** Any string, often with the characters attackers use. */
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(300);
    Arbitrary<String> nearlyValid = Arbitraries.strings()
        .withChars("abcXYZ019._-\r\n\t \u0000\u007f\u00e9\u2028\u202e:;,=\"'%")
        .ofMinLength(0).ofMaxLength(140);
    Arbitrary<String> splitting = Arbitraries.of("gray\r\nx-injected: 1", "gray\nx-injected: 1", "gray\rx: 1",
        "gray\r\n\r\nGET / HTTP/1.1", " gray ", "gray, daily", "gray\u0000", "%0d%0ax-injected:1", "gr\u00e4y");
    Arbitrary<String> huge = Arbitraries.strings().withChars("ab").ofMinLength(129).ofMaxLength(20_000);
    return Arbitraries.oneOf(anyUnicode, nearlyValid, splitting, huge);
  }

  @Property(tries = 2000)
  void anyValueGivesNoLaneOrASafeOne(@ForAll("hostile") String value) {
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, value);
    Lanes lanes = reader.finish("property");
    if (!lanes.isEmpty()) {
      assertThat(lanes.get(0)).matches(SAFE);
      assertThat(lanes.get(0)).isEqualTo(LaneValues.stripOws(value));
    }
  }

  @Property(tries = 500)
  void manyAndRepeatedHeadersGiveNoLaneOrOneSafeValue(
      @ForAll @Size(max = 200) List<@net.jqwik.api.From("hostile") String> values,
      @ForAll @Size(max = 50) List<@net.jqwik.api.From("hostile") String> users) {
    InboundLaneReader reader = InboundLaneReader.start();
    values.forEach(v -> reader.add(0, v));
    users.forEach(v -> reader.byName().accept("X-USER", java.util.Collections.singletonList(v)));
    Lanes lanes = reader.finish("property");
    for (int i = 0; i < 2; i++) {
      if (lanes.get(i) != null) {
        assertThat(lanes.get(i)).matches(SAFE);
      }
    }
    List<String> distinct = new ArrayList<>();
    values.stream().map(LaneValues::stripOws).distinct().forEach(distinct::add);
    if (distinct.size() > 1) {
      assertThat(lanes.get(0)).as("different values are a conflict").isNull();
    }
  }

  @Property(tries = 300)
  void warningsNeverEchoTheValue(@ForAll("hostile") String value) {
    LaneLog.resetRateLimits();
    log.reset();
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, value);
    reader.finish("property");
    String printed = new String(log.toByteArray(), StandardCharsets.UTF_8);
    String stripped = LaneValues.stripOws(value);
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
