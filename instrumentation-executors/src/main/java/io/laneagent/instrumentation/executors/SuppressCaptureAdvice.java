package io.laneagent.instrumentation.executors;

import io.laneagent.bootstrap.LaneTasks;
import net.bytebuddy.asm.Advice;

/** While the method runs (a pool creating its workers, a continuation being scheduled) nothing is captured. */
public final class SuppressCaptureAdvice {

  private SuppressCaptureAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static boolean onEnter() {
    return LaneTasks.suppress();
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter boolean previous) {
    LaneTasks.restoreSuppression(previous);
  }
}
