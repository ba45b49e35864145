package io.laneagent.instrumentation.rocketmq;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code ProcessQueue.takeMessages(n)}: the orderly consumer's request takes each batch with it, on the
 * thread that then runs the listener; the batch is returned as the lane-switching view, and the previous
 * batch's last lane ends.
 */
final class ProcessQueueTakeInstrumentation extends NamedTypeInstrumentation {

  ProcessQueueTakeInstrumentation() {
    super("org.apache.rocketmq.client.impl.consumer.ProcessQueue");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"takeMessages(I)Ljava/util/List;"}, isPublic(),
        "io.laneagent.instrumentation.rocketmq.LanedMessagesAdvice");
    target.helpers(RocketMqInstrumentation.HELPER);
  }
}
