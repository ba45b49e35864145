package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LaneContextTest {

  @AfterEach
  void resetSettings() {
    LaneSettings.install(LaneSettings.builder().build());
  }

  @Test
  void inboundReplacesAndRestoresTheThreadsLanes() {
    try (Scope leftover = LaneContext.attach(Lanes.of("daily"))) {
      Object token = LaneContext.enterInbound(Lanes.EMPTY);
      assertThat(LaneContext.current()).isSameAs(Lanes.EMPTY); // replaced, not inherited
      assertThat(LaneContext.isInboundActive()).isTrue();
      LaneContext.exitInbound(token);
      assertThat(LaneContext.current()).isEqualTo(Lanes.of("daily"));
      assertThat(LaneContext.isInboundActive()).isFalse();
    }
    assertThat(LaneContext.current()).isSameAs(Lanes.EMPTY);
  }

  @Test
  void exitWithoutTokenIsANoOp() {
    LaneContext.exitInbound(null);
    assertThat(LaneContext.isInboundActive()).isFalse();
  }

  @Test
  void outgoingFallsBackToTheOwnLane() {
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user").local("prod").build());
    assertThat(LaneContext.outgoing()).isEqualTo(Lanes.of("prod", null));
    try (Scope ignored = LaneContext.attach(Lanes.of("gray", null))) {
      assertThat(LaneContext.outgoing()).isEqualTo(Lanes.of("gray", null));
    }
    try (Scope ignored = LaneContext.attach(Lanes.of(null, "alice"))) {
      assertThat(LaneContext.outgoing()).isEqualTo(Lanes.of("prod", "alice"));
    }
  }

  @Test
  void wrappedTaskRunsWithTheLanesOfItsCreator() throws Exception {
    Runnable task;
    AtomicReference<Lanes> seen = new AtomicReference<>();
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      task = LaneContext.wrap(() -> seen.set(LaneContext.current()));
    }
    Thread thread = new Thread(task);
    thread.start();
    thread.join();
    assertThat(seen.get()).isEqualTo(Lanes.of("gray"));
  }

  @Test
  void lanesMergeValuePerValue() {
    assertThat(Lanes.of("gray", null).orElse(Lanes.of("prod", "x"))).isEqualTo(Lanes.of("gray", "x"));
    assertThat(Lanes.EMPTY.orElse(Lanes.EMPTY)).isSameAs(Lanes.EMPTY);
    assertThat(Lanes.of(null, null)).isSameAs(Lanes.EMPTY);
  }
}
