package io.laneagent.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code ChannelN.basicPublish}: every publish overload (and every channel wrapper: auto-recovering
 * channels, Spring's cached channels) ends in the one with {@code mandatory} and {@code immediate}; since
 * 5.x that one calls the {@code ByteBuffer} variant on newer clients, which is advised too (its walk finds
 * the headers set).
 */
final class ChannelPublishInstrumentation extends NamedTypeInstrumentation {

  ChannelPublishInstrumentation() {
    super("com.rabbitmq.client.impl.ChannelN");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "basicPublish(Ljava/lang/String;Ljava/lang/String;ZZLcom/rabbitmq/client/AMQP$BasicProperties;[B)V",
            "basicPublish(Ljava/lang/String;Ljava/lang/String;ZZLcom/rabbitmq/client/AMQP$BasicProperties;"
                + "Ljava/nio/ByteBuffer;Lcom/rabbitmq/client/WriteListener;)V"},
        isPublic(), "io.laneagent.instrumentation.rabbitmq.ChannelPublishAdvice");
    target.helpers(RabbitMqInstrumentation.HEADERS_HELPER);
  }
}
