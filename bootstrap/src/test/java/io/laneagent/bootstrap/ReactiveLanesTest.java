package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReactiveLanesTest {

  @AfterEach
  void resetSettings() {
    LaneSettings.install(LaneSettings.builder().build());
  }

  @Test
  void aChainsOwnLanesAreBound() {
    Lanes gray = Lanes.of("gray");
    assertThat(ReactiveLanes.toBind(gray)).isSameAs(gray);
  }

  @Test
  void explicitlyNoLanesNeedsNoBindingEvenInsideALane() {
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      assertThat(ReactiveLanes.toBind(Lanes.EMPTY)).isNull();
    }
  }

  @Test
  void aChainWithoutTheKeyTakesTheSubscribingThreadsLanes() {
    assertThat(ReactiveLanes.toBind(null)).isNull();
    Lanes daily = Lanes.of("daily");
    try (Scope ignored = LaneContext.attach(daily)) {
      assertThat(ReactiveLanes.toBind(null)).isEqualTo(daily);
    }
  }

  @Test
  void enterMakesTheLanesCurrentAndExitRestores() {
    Lanes gray = Lanes.of("gray");
    try (Scope ignored = LaneContext.attach(Lanes.of("daily"))) {
      Object token = ReactiveLanes.enter(gray);
      assertThat(LaneContext.current()).isEqualTo(gray);
      Object nested = ReactiveLanes.enter(gray);
      assertThat(nested).as("same lanes: nothing to do").isNull();
      ReactiveLanes.exit(nested);
      ReactiveLanes.exit(token);
      assertThat(LaneContext.current()).isEqualTo(Lanes.of("daily"));
    }
  }

  @Test
  void reactiveClientsPreferTheChainsLanesOverTheThreadsAndFillInTheOwnLane() {
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user").local("prod").build());
    try (Scope ignored = LaneContext.attach(Lanes.of("daily", "bob"))) {
      assertThat(walk(Lanes.of(null, "alice"))).containsExactly("env=prod", "x-user=alice");
      assertThat(walk(Lanes.EMPTY)).containsExactly("env=prod");
      assertThat(walk(null)).as("no key: the thread's").containsExactly("env=daily", "x-user=bob");
    }
  }

  @Test
  void webClientsRequestTakesOnlyTheThreadsLanes() {
    LaneSettings.install(LaneSettings.builder().local("prod").build());
    assertThat(OutboundHeaders.startCurrentOnly("test")).isNull();
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      OutboundHeaders out = OutboundHeaders.startCurrentOnly("test");
      assertThat(out.next()).isTrue();
      assertThat(out.valueGiven(null)).isEqualTo("gray");
    }
  }

  private static List<String> walk(Object inContext) {
    List<String> seen = new ArrayList<>();
    for (OutboundHeaders out = OutboundHeaders.start("test", inContext); out != null && out.next(); ) {
      seen.add(out.name() + "=" + out.valueGiven(null));
    }
    return seen;
  }
}
