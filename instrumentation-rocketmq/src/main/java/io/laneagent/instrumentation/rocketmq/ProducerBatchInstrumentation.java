package io.laneagent.instrumentation.rocketmq;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code DefaultMQProducer.batch(Collection)}: a batch's messages are encoded into one body here, before
 * {@code sendKernelImpl} sees it, so each of them gets its lanes first.
 */
final class ProducerBatchInstrumentation extends NamedTypeInstrumentation {

  ProducerBatchInstrumentation() {
    super("org.apache.rocketmq.client.producer.DefaultMQProducer");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"batch(Ljava/util/Collection;)Lorg/apache/rocketmq/common/message/MessageBatch;"}, any(),
        "io.laneagent.instrumentation.rocketmq.ProducerSendAdvice");
    target.helpers(RocketMqInstrumentation.HELPER);
  }
}
