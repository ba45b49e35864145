package io.laneagent.instrumentation.rocketmq;

import io.laneagent.instrumentation.rocketmq.helpers.RocketMqMessageLanes;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the start of the concurrently consumer's {@code ConsumeRequest(service, msgs, processQueue, queue)}:
 * the request keeps, and later hands the listener, a view of {@code msgs} that switches to each message's
 * lanes as it is iterated or read by index.
 */
public final class ConsumeRequestConstructorAdvice {

  private ConsumeRequestConstructorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 1, readOnly = false) List<?> messages) {
    messages = RocketMqMessageLanes.laned(messages);
  }
}
