package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code KafkaConsumer.poll}: ends the previous record's lanes, reads the new batch's. */
final class ConsumerPollInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.kafka.clients.consumer.KafkaConsumer");
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses("org.apache.kafka.clients.consumer.KafkaConsumer");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "poll(Ljava/time/Duration;)Lorg/apache/kafka/clients/consumer/ConsumerRecords;",
            "poll(J)Lorg/apache/kafka/clients/consumer/ConsumerRecords;"},
        any(), "io.laneagent.instrumentation.kafka.ConsumerPollAdvice");
  }
}
