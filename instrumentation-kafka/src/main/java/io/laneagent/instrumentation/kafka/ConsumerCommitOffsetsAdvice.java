package io.laneagent.instrumentation.kafka;

import io.laneagent.instrumentation.kafka.isolation.IsolatedConsumers;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/** {@code commitSync(offsets…)} / {@code commitAsync(offsets, …)}: what the application committed, for isolation. */
public final class ConsumerCommitOffsetsAdvice {

  private ConsumerCommitOffsetsAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This Object consumer, @Advice.Argument(0) Map<?, ?> offsets) {
    IsolatedConsumers.committed(consumer, offsets);
  }
}
