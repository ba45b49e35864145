package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class LaneTasksTest {

  @Test
  void aTaskRunsWithTheLanesOfItsHandOffAndTheWorkerIsRestored() {
    Runnable task = () -> {};
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      LaneTasks.capture(task);
    }
    assertThat(LaneTasks.isPending(task)).as("captured at the hand-off").isTrue();
    Lanes[] seen = new Lanes[1];
    Object token = LaneTasks.enter(task);
    seen[0] = LaneContext.current();
    LaneTasks.exit(token);
    assertThat(seen[0]).isEqualTo(Lanes.of("gray"));
    assertThat(LaneContext.current()).isSameAs(Lanes.EMPTY);
    assertThat(LaneTasks.isPending(task)).as("taken by its run").isFalse();
  }

  @Test
  void thePooledRunTrampolineRunsTheTaskOnceWithItsLanes() {
    Lanes[] seen = new Lanes[1];
    int[] runs = new int[1];
    Runnable task = () -> {
      seen[0] = LaneContext.current();
      runs[0]++;
    };
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      LaneTasks.capture(task);
    }
    assertThat(LaneTasks.isPending(task)).isTrue();
    PooledTaskRun.run(task);
    assertThat(runs[0]).isEqualTo(1);
    assertThat(seen[0]).isEqualTo(Lanes.of("gray"));
    assertThat(LaneContext.current()).isSameAs(Lanes.EMPTY);
  }

  @Test
  void aTaskWrappedByAnotherAgentFindsTheLanesOfTheTaskInside() {
    Runnable task = () -> {};
    try (Scope ignored = LaneContext.attach(Lanes.of("daily"))) {
      LaneTasks.capture(task);
    }
    assertThat(LaneTasks.isPending(task)).isTrue();
    Object token = LaneTasks.enter(new com.alibaba.ttl.FakeTtlRunnable(task));
    assertThat(LaneContext.current()).isEqualTo(Lanes.of("daily"));
    LaneTasks.exit(token);
    assertThat(LaneTasks.isPending(task)).as("found under the wrapper and taken").isFalse();
  }

  @Test
  void aPooledWorkerNeverLendsItsLanesToATaskWithoutOne() {
    Runnable task = () -> {};
    LaneTasks.capture(task); // no lanes at hand-off
    assertThat(LaneTasks.isPending(task)).as("nothing to remember").isFalse();
    try (Scope leaked = LaneContext.attach(Lanes.of("daily"))) {
      Object token = LaneTasks.enter(task);
      assertThat(LaneContext.current()).isSameAs(Lanes.EMPTY);
      LaneTasks.exit(token);
      assertThat(LaneContext.current()).isEqualTo(Lanes.of("daily"));
    }
  }

  @Test
  void inlineRunsKeepTheCallersLanesWhenNothingWasCaptured() {
    Runnable task = () -> {};
    try (Scope caller = LaneContext.attach(Lanes.of("gray"))) {
      Object token = LaneTasks.enterIfCaptured(task);
      assertThat(token).isNull();
      assertThat(LaneContext.current()).isEqualTo(Lanes.of("gray"));
    }
  }

  @Test
  void aResubmissionWithoutLanesForgetsTheEarlierOne() {
    Runnable task = () -> {};
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      LaneTasks.capture(task);
    }
    assertThat(LaneTasks.isPending(task)).as("the first hand-off is remembered").isTrue();
    LaneTasks.capture(task);
    assertThat(LaneTasks.isPending(task)).as("the second, without lanes, replaced it").isFalse();
    assertThat(LaneTasks.enterIfCaptured(task)).isNull();
  }

  @Test
  void rejectedTasksLeaveNothingBehind() {
    Runnable task = () -> {};
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      LaneTasks.capture(task);
      assertThat(LaneTasks.isPending(task)).isTrue();
      LaneTasks.forget(task);
    }
    assertThat(LaneTasks.isPending(task)).isFalse();
  }

  @Test
  void suppressionNests() {
    boolean outer = LaneTasks.suppress();
    boolean inner = LaneTasks.suppress();
    assertThat(LaneTasks.isSuppressed()).isTrue();
    LaneTasks.restoreSuppression(inner);
    assertThat(LaneTasks.isSuppressed()).isTrue();
    LaneTasks.restoreSuppression(outer);
    assertThat(LaneTasks.isSuppressed()).isFalse();
  }
}
