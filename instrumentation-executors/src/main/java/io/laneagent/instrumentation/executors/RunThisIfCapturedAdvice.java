package io.laneagent.instrumentation.executors;

import io.laneagent.bootstrap.LaneTasks;
import net.bytebuddy.asm.Advice;

/** The task (or thread) {@code this} runs with its hand-off lanes, if it had some; restored after. */
public final class RunThisIfCapturedAdvice {

  private RunThisIfCapturedAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(@Advice.This Object task) {
    return LaneTasks.enterIfCaptured(task);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object token) {
    LaneTasks.exit(token);
  }
}
