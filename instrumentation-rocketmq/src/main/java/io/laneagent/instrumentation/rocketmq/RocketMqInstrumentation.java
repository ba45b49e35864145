package io.laneagent.instrumentation.rocketmq;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Lanes through RocketMQ (the remoting client, 4.9 and 5.x): every message a {@code DefaultMQProducer}
 * sends — sync, async, oneway, batches — carries them as user properties; push consumers (concurrently and
 * orderly) and the lite pull consumer switch to each message's lanes as the application takes it from the
 * list it got. rocketmq-spring's template and listener containers sit on these.
 */
public final class RocketMqInstrumentation extends GroupInstrumentation {

  static final String HELPER = "io.laneagent.instrumentation.rocketmq.helpers.RocketMqMessageLanes";

  public RocketMqInstrumentation() {
    super("rocketmq", new ProducerSendInstrumentation(), new ProducerBatchInstrumentation(),
        new ConsumeRequestInstrumentation("org.apache.rocketmq.client.impl.consumer.ConsumeMessageConcurrentlyService$ConsumeRequest", true),
        new ConsumeRequestInstrumentation("org.apache.rocketmq.client.impl.consumer.ConsumeMessageOrderlyService$ConsumeRequest", false),
        new ProcessQueueTakeInstrumentation(), new LitePullInstrumentation());
  }

  @Override
  public String supports() {
    return "rocketmq-client 4.9.8 ... 5.5.0 (remoting): DefaultMQProducer, DefaultMQPushConsumer (concurrently, "
        + "orderly), DefaultLitePullConsumer";
  }
}
