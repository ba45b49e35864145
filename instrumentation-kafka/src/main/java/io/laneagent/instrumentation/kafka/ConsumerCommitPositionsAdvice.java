package io.laneagent.instrumentation.kafka;

import io.laneagent.instrumentation.kafka.isolation.IsolatedConsumers;
import net.bytebuddy.asm.Advice;

/** {@code commitSync()} / {@code commitAsync()}: the application committed the positions, for isolation. */
public final class ConsumerCommitPositionsAdvice {

  private ConsumerCommitPositionsAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This Object consumer) {
    IsolatedConsumers.committedAll(consumer);
  }
}
