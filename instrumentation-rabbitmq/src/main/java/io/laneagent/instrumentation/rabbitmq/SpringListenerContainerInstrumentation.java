package io.laneagent.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * Spring AMQP's {@code AbstractMessageListenerContainer.executeListener(channel, data)}: both containers
 * hand it each message — the simple container on its own consumer threads, after amqp-client's delivery
 * thread queued the message, so the delivery's lanes are not there — or a batch ({@code List<Message>}).
 */
final class SpringListenerContainerInstrumentation extends NamedTypeInstrumentation {

  SpringListenerContainerInstrumentation() {
    super("org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"executeListener(Lcom/rabbitmq/client/Channel;Ljava/lang/Object;)V"}, any(),
        "io.laneagent.instrumentation.rabbitmq.SpringListenerAdvice");
    target.helpers(RabbitMqInstrumentation.HEADERS_HELPER, "io.laneagent.instrumentation.rabbitmq.helpers.SpringMessageLanes");
  }
}
