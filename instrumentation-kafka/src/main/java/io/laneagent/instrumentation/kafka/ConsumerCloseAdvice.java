package io.laneagent.instrumentation.kafka;

import io.laneagent.instrumentation.kafka.isolation.IsolatedConsumers;
import net.bytebuddy.asm.Advice;

/** Every {@code close} overload: the consumer leaves isolation (its checker stops with the last one). */
public final class ConsumerCloseAdvice {

  private ConsumerCloseAdvice() {}

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.This Object consumer) {
    IsolatedConsumers.closed(consumer);
  }
}
