package io.laneagent.instrumentation.executors;

import io.laneagent.bootstrap.LaneTasks;
import java.util.concurrent.RunnableScheduledFuture;
import net.bytebuddy.asm.Advice;

/** One-shot scheduled tasks keep the submitter's lanes; periodic ones get none (they use the own lane). */
public final class ScheduledHandOffAdvice {

  private ScheduledHandOffAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) RunnableScheduledFuture<?> task) {
    if (task != null && !task.isPeriodic()) {
      LaneTasks.capture(task);
    }
  }
}
