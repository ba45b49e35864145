package io.laneagent.instrumentation.servlet;

import io.laneagent.bootstrap.LaneContext;
import net.bytebuddy.asm.Advice;

/** Binds the task given to {@code AsyncContext.start} to the lanes current on the request thread. */
public final class AsyncContextStartAdvice {

  private AsyncContextStartAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
    if (task != null) {
      task = LaneContext.wrap(task);
    }
  }
}
