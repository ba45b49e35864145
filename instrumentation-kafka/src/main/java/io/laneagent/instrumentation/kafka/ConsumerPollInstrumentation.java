package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/** {@code KafkaConsumer.poll}: ends the previous record's lanes, reads the new batch's. */
final class ConsumerPollInstrumentation extends NamedTypeInstrumentation {

  ConsumerPollInstrumentation() {
    super("org.apache.kafka.clients.consumer.KafkaConsumer", KafkaInstrumentation.RECORD_HEADERS);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "poll(Ljava/time/Duration;)Lorg/apache/kafka/clients/consumer/ConsumerRecords;",
            "poll(J)Lorg/apache/kafka/clients/consumer/ConsumerRecords;"},
        any(), "io.laneagent.instrumentation.kafka.ConsumerPollAdvice");
  }
}
