package io.laneagent.instrumentation.rocketmq;

import io.laneagent.bootstrap.RecordLanes;
import net.bytebuddy.asm.Advice;

/** Inlined into a consume request's {@code run()}: the last message's lanes end with it. */
public final class ConsumeRequestRunAdvice {

  private ConsumeRequestRunAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit() {
    RecordLanes.endOfRecord();
  }
}
