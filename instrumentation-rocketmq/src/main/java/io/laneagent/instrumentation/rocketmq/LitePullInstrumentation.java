package io.laneagent.instrumentation.rocketmq;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/** {@code DefaultLitePullConsumer.poll()} and {@code poll(timeout)}: per polled message, like Kafka's poll. */
final class LitePullInstrumentation extends NamedTypeInstrumentation {

  LitePullInstrumentation() {
    super("org.apache.rocketmq.client.consumer.DefaultLitePullConsumer");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"poll()Ljava/util/List;", "poll(J)Ljava/util/List;"}, isPublic(),
        "io.laneagent.instrumentation.rocketmq.LanedMessagesAdvice");
    target.helpers(RocketMqInstrumentation.HELPER);
  }
}
