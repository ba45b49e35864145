package io.laneagent.instrumentation.rabbitmq;

import com.rabbitmq.client.AMQP;
import io.laneagent.bootstrap.LaneContext;
import io.laneagent.instrumentation.rabbitmq.helpers.RabbitHeaders;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Consumer.handleDelivery}: the delivery runs with its message's lanes, and only it. */
public final class ConsumerDeliveryAdvice {

  private ConsumerDeliveryAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(@Advice.Argument(2) AMQP.BasicProperties properties) {
    return LaneContext.enterCallback(RabbitHeaders.lanesOf(properties));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object scope) {
    LaneContext.exitCallback(scope);
  }
}
