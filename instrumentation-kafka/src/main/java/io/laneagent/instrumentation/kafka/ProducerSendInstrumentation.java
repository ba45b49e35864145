package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/** {@code KafkaProducer.send(record, callback)}: every send goes through it, on the caller's thread. */
final class ProducerSendInstrumentation extends NamedTypeInstrumentation {

  ProducerSendInstrumentation() {
    // record headers came with kafka-clients 0.11: older clients are skipped when classes are matched
    super("org.apache.kafka.clients.producer.KafkaProducer", HEADERS);
  }


  private static final String HEADERS = "org.apache.kafka.common.header.Headers";

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "send(Lorg/apache/kafka/clients/producer/ProducerRecord;Lorg/apache/kafka/clients/producer/Callback;)"
                + "Ljava/util/concurrent/Future;"},
        any(), "io.laneagent.instrumentation.kafka.ProducerSendAdvice");
  }
}
