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

  /** The values' array ends at the last value kept: headers dropped after it leave nothing behind. */
  @Test
  void valuesKeptBeforeDroppedLaterHeadersKeepTheirPlaces() {
    LaneSettings.install(LaneSettings.builder().build()); // env, then the Istio trace headers
    int last = LaneSettings.current().carried().length - 1;
    InboundLaneReader reader = InboundLaneReader.start();
    reader.add(0, "gray");
    reader.add(2, "80f198ee56343ba864fe8b2a57d3eff7");
    reader.add(last, "bad\u0001value");
    reader.add(last - 1, "x");
    reader.add(last - 1, "y"); // a conflict
    Lanes lanes = reader.finish("test");
    assertThat(lanes.lane()).isEqualTo("gray");
    assertThat(lanes.get(2)).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    assertThat(lanes.get(last)).isNull();
    assertThat(lanes).isEqualTo(Lanes.of("gray", null, "80f198ee56343ba864fe8b2a57d3eff7"));
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
  void aFloodOfInvalidValuesIsCountedInFullAndWarnedOnceWithItsReason() {
    LaneCounters.reset();
    for (int i = 0; i < 3; i++) {
      InboundLaneReader reader = InboundLaneReader.start();
      reader.add(0, "gray\r\nX-Injected: 1");
      assertThat(reader.finish("test")).isEqualTo(Lanes.EMPTY);
    }
    String printed = log.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("WARN dropped header 'env' at test because it contains a control character (0xd)");
    assertThat(printed.split("WARN dropped header", -1)).hasSize(2); // the other two kept quiet this minute
    assertThat(LaneCounters.valuesDropped()).containsEntry(LaneCounters.INVALID_LANE, 3L);
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

  /** Reads one request whose header lines are {@code name: value} pairs (in any case), as server advice does. */
  private static Lanes read(LaneSettings settings, String... lines) {
    LaneSettings.install(settings);
    InboundLaneReader reader = InboundLaneReader.start();
    for (String line : lines) {
      int colon = line.indexOf(':');
      reader.byName().accept(line.substring(0, colon), java.util.Arrays.asList(line.substring(colon + 1)));
    }
    return reader.finish("test");
  }

  private static String carried(Lanes lanes, String name) {
    return lanes.get(java.util.Arrays.asList(LaneSettings.current().carried()).indexOf(name));
  }

  @Test
  void traceHeadersAreKeptByteForByte() {
    Lanes lanes = read(LaneSettings.builder().build(), "env: gray", "X-Request-Id: 7c9f-1",
        "x-ot-span-context: AAEC+/==", "tracestate: congo=t61rcWkgMzE", "tracestate: rojo=00f067aa0ba902b7",
        "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(lanes.lane()).isEqualTo("gray");
    assertThat(carried(lanes, "x-request-id")).isEqualTo("7c9f-1");
    assertThat(carried(lanes, "x-ot-span-context")).isEqualTo("AAEC+/==");
    assertThat(carried(lanes, "tracestate")).as("several lines are one list").isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    assertThat(lanes.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void aServerHandingEachSpellingWithAllLinesGetsOneList() {
    LaneSettings.install(LaneSettings.builder().build());
    InboundLaneReader reader = InboundLaneReader.start();
    reader.byName().accept("tracestate", java.util.Arrays.asList("a=1", "b=2"));
    reader.byName().accept("TraceState", java.util.Arrays.asList("a=1", "b=2")); // Netty: getAll is case-insensitive
    assertThat(carried(reader.finish("test"), "tracestate")).isEqualTo("a=1,b=2");
  }

  @Test
  void b3TraceIdComesFirst() {
    Lanes lanes = read(LaneSettings.builder().build(), "x-b3-traceid: 80f198ee56343ba864fe8b2a57d3eff7",
        "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    assertThat(lanes.traceId()).isEqualTo("80f198ee56343ba864fe8b2a57d3eff7");
    assertThat(lanes.lane()).isNull();
  }

  @Test
  void badTraceValuesAreDroppedOneByOne() {
    String huge = "a".repeat(8193);
    Lanes lanes = read(LaneSettings.builder().build(), "env: gray", "x-b3-spanid: a\u0001b", "x-b3-traceid: " + huge,
        "x-b3-sampled: 1", "x-b3-sampled: 0", "x-request-id: caf\u00e9", "x-b3-flags: 1");
    assertThat(carried(lanes, "x-b3-spanid")).as("control character").isNull();
    assertThat(carried(lanes, "x-b3-traceid")).as("over 8,192 characters").isNull();
    assertThat(carried(lanes, "x-b3-sampled")).as("conflicting").isNull();
    assertThat(carried(lanes, "x-request-id")).as("not ASCII").isNull();
    assertThat(carried(lanes, "x-b3-flags")).isEqualTo("1");
    assertThat(lanes.lane()).isEqualTo("gray");
    assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain(huge).doesNotContain("caf");
  }

  @Test
  void anEdgeIgnoresLanesButForwardsTraceHeaders() {
    Lanes lanes = read(LaneSettings.builder().trustInbound(false).build(), "env: gray", "x-request-id: r-1");
    assertThat(lanes.lane()).isNull();
    assertThat(carried(lanes, "x-request-id")).isEqualTo("r-1");
  }

  @Test
  void withBaggageTheLaneComesFromItsMemberWhenThePlainHeaderIsAbsent() {
    LaneSettings baggage = LaneSettings.builder().baggage(true).build();
    assertThat(read(baggage, "baggage: userId=alice,env=gray;p=1").lane()).isEqualTo("gray");
    assertThat(read(baggage, "env: daily", "baggage: env=gray").lane()).as("the plain header wins").isEqualTo("daily");
    assertThat(read(baggage, "baggage: env=gr%20ay").lane()).as("validated like any lane").isNull();
    assertThat(read(baggage, "baggage: a=1", "baggage: env=gray").lane()).as("lines are one list").isEqualTo("gray");
    assertThat(read(LaneSettings.builder().build(), "baggage: env=gray").lane()).as("lane.baggage off").isNull();
    assertThat(read(LaneSettings.builder().baggage(true).trustInbound(false).build(), "baggage: env=gray").lane())
        .as("an edge ignores it").isNull();
  }
}
