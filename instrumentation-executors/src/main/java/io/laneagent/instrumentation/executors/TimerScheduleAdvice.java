package io.laneagent.instrumentation.executors;

import io.laneagent.bootstrap.LaneTasks;
import net.bytebuddy.asm.Advice;

/** {@code Timer.sched(task, time, period)}: period 0 is a one-shot task, which keeps the lanes. */
public final class TimerScheduleAdvice {

  private TimerScheduleAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) Object task, @Advice.Argument(2) long period) {
    if (period == 0) {
      LaneTasks.capture(task);
    }
  }
}
