package io.laneagent.instrumentation.executors;

import io.laneagent.bootstrap.LaneTasks;
import net.bytebuddy.asm.Advice;

/** A hand-off of the first argument (a task); forgotten again if the hand-off throws (rejection). */
public final class CaptureFirstArgumentAdvice {

  private CaptureFirstArgumentAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) Object task) {
    if (!LaneTasks.isSuppressed()) {
      LaneTasks.capture(task);
    }
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Argument(0) Object task, @Advice.Thrown Throwable thrown) {
    if (thrown != null) {
      LaneTasks.forget(task);
    }
  }
}
