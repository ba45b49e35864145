package io.laneagent.instrumentation.rocketmq;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code DefaultMQProducerImpl.sendKernelImpl}: every send (sync, async — on the producer's async
 * executor, where the executors instrumentation brought the lanes — oneway, each retry) of one message.
 */
final class ProducerSendInstrumentation extends NamedTypeInstrumentation {

  ProducerSendInstrumentation() {
    super("org.apache.rocketmq.client.impl.producer.DefaultMQProducerImpl");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"sendKernelImpl(Lorg/apache/rocketmq/common/message/Message;"
            + "Lorg/apache/rocketmq/common/message/MessageQueue;Lorg/apache/rocketmq/client/impl/CommunicationMode;"
            + "Lorg/apache/rocketmq/client/producer/SendCallback;Lorg/apache/rocketmq/client/impl/producer/TopicPublishInfo;J)"
            + "Lorg/apache/rocketmq/client/producer/SendResult;"},
        any(), "io.laneagent.instrumentation.rocketmq.ProducerSendAdvice");
    target.helpers(RocketMqInstrumentation.HELPER);
  }
}
