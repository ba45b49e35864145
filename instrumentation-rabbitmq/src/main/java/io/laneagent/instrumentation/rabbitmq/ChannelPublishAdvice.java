package io.laneagent.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.laneagent.instrumentation.rabbitmq.helpers.RabbitHeaders;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ChannelN.basicPublish}: the message goes out with properties that carry the lanes. */
public final class ChannelPublishAdvice {

  private ChannelPublishAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 4, readOnly = false) AMQP.BasicProperties properties) {
    properties = RabbitHeaders.withLanes(properties);
  }
}
