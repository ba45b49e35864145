package io.laneagent.instrumentation.rocketmq;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * A push consumer's consume request, which runs the application's listener on the consume executor: its
 * {@code run()} ends the last message's lanes (nothing stays on the executor's thread). The concurrently
 * consumer's request is built with its messages on the pull thread: the constructor swaps them for the
 * lane-switching view. (The orderly consumer takes its messages inside {@code run}: see
 * {@link ProcessQueueTakeInstrumentation}.)
 */
final class ConsumeRequestInstrumentation extends NamedTypeInstrumentation {

  private final boolean messagesInConstructor;

  ConsumeRequestInstrumentation(String type, boolean messagesInConstructor) {
    super(type);
    this.messagesInConstructor = messagesInConstructor;
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"run()V"}, isPublic(), "io.laneagent.instrumentation.rocketmq.ConsumeRequestRunAdvice");
    if (messagesInConstructor) {
      // an inner class: the outer service is the constructor's first parameter (javap's signature hides it)
      target.apply(new String[] {"<init>(Lorg/apache/rocketmq/client/impl/consumer/ConsumeMessageConcurrentlyService;"
              + "Ljava/util/List;Lorg/apache/rocketmq/client/impl/consumer/ProcessQueue;"
              + "Lorg/apache/rocketmq/common/message/MessageQueue;)V"},
          any(), "io.laneagent.instrumentation.rocketmq.ConsumeRequestConstructorAdvice");
    }
    target.helpers(RocketMqInstrumentation.HELPER);
  }
}
