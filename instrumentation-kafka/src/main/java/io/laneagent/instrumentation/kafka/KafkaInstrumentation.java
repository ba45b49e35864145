package io.laneagent.instrumentation.kafka;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Lanes through Kafka: {@code KafkaProducer.send} adds the lanes as record headers (the application's
 * own header wins); on the consumer, {@code poll()} reads each record's lanes, and iterating the
 * returned {@code ConsumerRecords} (for-each, {@code iterator()}, {@code records(partition)},
 * {@code records(topic)}) switches the thread to each record's lanes in turn; so does iterating the
 * {@code List<ConsumerRecord>} a Spring Kafka batch listener receives.
 */
public final class KafkaInstrumentation extends GroupInstrumentation {

  /**
   * Record headers came with kafka-clients 0.11: the client instrumentations require this class, so an
   * older client is skipped when classes are matched.
   */
  static final String RECORD_HEADERS = "org.apache.kafka.common.header.Headers";

  public KafkaInstrumentation() {
    super("kafka",
        new ProducerSendInstrumentation(), new ConsumerInstrumentation(),
        new ConsumerRecordsInstrumentation(), new SpringKafkaBatchListenerInstrumentation());
  }

  @Override
  public String supports() {
    return "kafka-clients 0.11+ (tested 2.8.2 ... 4.4.0); Spring Kafka 3.3 ... 4.0 listeners; lane isolation (lane.kafka.isolation) 2.8.2+";
  }
}
