package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;
import io.laneagent.instrumentation.api.VersionFloor;

/** {@code KafkaProducer.send(record, callback)}: every send goes through it, on the caller's thread. */
final class ProducerSendInstrumentation extends NamedTypeInstrumentation {

  ProducerSendInstrumentation() {
    // the producer says it for the whole client: the consumer classes are skipped quietly
    super("org.apache.kafka.clients.producer.KafkaProducer", VersionFloor.requiring(KafkaInstrumentation.RECORD_HEADERS)
        .warnBelow("kafka-clients before 0.11 (no record headers) is not supported: its records carry no lanes"));
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "send(Lorg/apache/kafka/clients/producer/ProducerRecord;Lorg/apache/kafka/clients/producer/Callback;)"
                + "Ljava/util/concurrent/Future;"},
        any(), "io.laneagent.instrumentation.kafka.ProducerSendAdvice");
  }
}
