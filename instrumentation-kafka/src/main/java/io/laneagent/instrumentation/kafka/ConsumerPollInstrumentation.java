package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/** {@code KafkaConsumer.poll}: ends the previous record's lanes, reads the new batch's. */
final class ConsumerPollInstrumentation extends NamedTypeInstrumentation {

  ConsumerPollInstrumentation() {
    // record headers came with kafka-clients 0.11: older clients are skipped when classes are matched
    super("org.apache.kafka.clients.consumer.KafkaConsumer", HEADERS);
  }


  private static final String HEADERS = "org.apache.kafka.common.header.Headers";

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "poll(Ljava/time/Duration;)Lorg/apache/kafka/clients/consumer/ConsumerRecords;",
            "poll(J)Lorg/apache/kafka/clients/consumer/ConsumerRecords;"},
        any(), "io.laneagent.instrumentation.kafka.ConsumerPollAdvice");
  }
}
