package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/** {@code KafkaProducer.send(record, callback)}: every send goes through it, on the caller's thread. */
final class ProducerSendInstrumentation extends NamedTypeInstrumentation {

  ProducerSendInstrumentation() {
    super("org.apache.kafka.clients.producer.KafkaProducer", KafkaInstrumentation.RECORD_HEADERS);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "send(Lorg/apache/kafka/clients/producer/ProducerRecord;Lorg/apache/kafka/clients/producer/Callback;)"
                + "Ljava/util/concurrent/Future;"},
        any(), "io.laneagent.instrumentation.kafka.ProducerSendAdvice");
  }
}
