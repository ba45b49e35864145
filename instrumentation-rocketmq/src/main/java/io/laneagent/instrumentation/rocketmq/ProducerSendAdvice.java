package io.laneagent.instrumentation.rocketmq;

import io.laneagent.instrumentation.rocketmq.helpers.RocketMqMessageLanes;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code sendKernelImpl} and {@code DefaultMQProducer.batch}: the message(s) get the lanes. */
public final class ProducerSendAdvice {

  private ProducerSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) Object messages) {
    RocketMqMessageLanes.addLanes(messages);
  }
}
