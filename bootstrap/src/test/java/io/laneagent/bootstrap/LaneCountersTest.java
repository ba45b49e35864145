package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LaneCountersTest {

  @BeforeEach
  void reset() {
    LaneCounters.reset();
  }

  @AfterEach
  void resetSettings() {
    LaneSettings.install(LaneSettings.builder().build());
  }

  private static Lanes inbound(String source, String... laneValues) {
    InboundLaneReader reader = InboundLaneReader.start();
    for (String value : laneValues) {
      reader.add(0, value);
    }
    return reader.finish(source);
  }

  @Test
  void inboundLanesAndDropsAreCountedBySourceAndReason() {
    LaneSettings.install(LaneSettings.builder().allowed(java.util.Set.of("gray", "daily")).build());
    inbound("servlet", "gray");
    inbound("servlet", "daily");
    inbound("jdk-httpserver", "gray");
    inbound("servlet");             // no lane: not a capture
    inbound("servlet", "b@d");      // invalid
    inbound("servlet", "blue");     // valid but not allowed
    inbound("servlet", "gray", "daily"); // conflicting values
    assertThat(LaneCounters.lanesCaptured()).isEqualTo(Map.of("servlet", 2L, "jdk-httpserver", 1L));
    assertThat(LaneCounters.valuesDropped()).isEqualTo(Map.of(
        LaneCounters.INVALID_LANE, 1L, LaneCounters.NOT_ALLOWED, 1L, LaneCounters.CONFLICT, 1L));
  }

  @Test
  void capturesAlternatingBetweenSourcesAreEachCountedUnderTheirOwn() {
    // the last source's counter is kept aside for the next capture: switching sources must switch it
    for (int i = 0; i < 3; i++) {
      inbound("servlet", "gray");
      inbound("kafka consumer", "gray");
      inbound(new String("servlet"), "gray"); // an equal source that is not the same object
    }
    assertThat(LaneCounters.lanesCaptured()).isEqualTo(Map.of("servlet", 6L, "kafka consumer", 3L));
  }

  @Test
  void anEdgeCountsTheLanesItIgnored() {
    LaneSettings.install(LaneSettings.builder().trustInbound(false).build());
    inbound("servlet", "gray");
    assertThat(LaneCounters.valuesDropped()).isEqualTo(Map.of(LaneCounters.UNTRUSTED, 1L));
    assertThat(LaneCounters.lanesCaptured()).isEmpty();
  }

  @Test
  void outboundCallsCountWrittenAndKeptHeadersOncePerWalk() {
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user").build());
    try (Scope ignored = LaneContext.attach(Lanes.of("gray", "alice"))) {
      walk("OkHttp", null, null);
      walk("OkHttp", "mine", null);
      walk("Feign", "mine", "bob");
      walk("HttpURLConnection", "gray", "alice"); // the lane's own values: a nested call, or forwarded
    }
    assertThat(LaneCounters.headersInjected()).isEqualTo(Map.of("OkHttp", 3L, "Feign", 0L, "HttpURLConnection", 0L));
    assertThat(LaneCounters.headersKept()).isEqualTo(Map.of("OkHttp", 1L, "Feign", 2L, "HttpURLConnection", 0L));
  }

  private static void walk(String client, String ownEnv, String ownUser) {
    for (OutboundHeaders out = OutboundHeaders.start(client); out != null && out.next(); ) {
      out.valueGiven(out.name().equals("env") ? ownEnv : ownUser);
    }
  }

  @Test
  void handOffsCountWhenATaskRunsWithItsLanes() {
    Runnable task = () -> { };
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      LaneTasks.capture(task);
    }
    LaneTasks.exit(LaneTasks.enter(task));
    LaneTasks.exit(LaneTasks.enter(task)); // nothing captured for it any more
    assertThat(LaneCounters.handOffsCarried()).isEqualTo(1L);
  }
}
