package io.laneagent.instrumentation.executors;

import io.laneagent.bootstrap.LaneTasks;
import io.laneagent.bootstrap.ThreadStarts;
import net.bytebuddy.asm.Advice;

/** {@code Thread.start}: the new thread will run with the starter's lanes, unless it is a pool's own. */
public final class ThreadStartAdvice {

  private ThreadStartAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This Thread thread) {
    if (ThreadStarts.mayCarryLanes(thread)) {
      LaneTasks.capture(thread);
    }
  }
}
