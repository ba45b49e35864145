package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundHeadersTest {

  @AfterEach
  void resetSettings() {
    LaneSettings.install(LaneSettings.builder().build());
  }

  private static List<String> walk() {
    List<String> seen = new ArrayList<>();
    for (OutboundHeaders out = OutboundHeaders.start("test"); out != null && out.next(); ) {
      seen.add(out.name() + "=" + out.value());
    }
    return seen;
  }

  @Test
  void nothingToSendWithoutLaneOrOwnLane() {
    assertThat(OutboundHeaders.start("test")).isNull();
  }

  @Test
  void walksOnlyHeadersWithAValue() {
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user", "x-tenant").build());
    try (Scope ignored = LaneContext.attach(Lanes.of("gray", null, "acme"))) {
      assertThat(walk()).containsExactly("env=gray", "x-tenant=acme");
    }
  }

  @Test
  void theOwnLaneFillsTheLaneHeader() {
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user").local("prod").build());
    assertThat(walk()).containsExactly("env=prod");
    try (Scope ignored = LaneContext.attach(Lanes.of(null, "alice"))) {
      assertThat(walk()).containsExactly("env=prod", "x-user=alice");
    }
  }
}
