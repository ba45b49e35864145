package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code ConsumerRecords.iterator()}, {@code records(TopicPartition)} and {@code records(String)}:
 * the views the application iterates come back wrapped so that each {@code next()} switches lanes.
 */
final class ConsumerRecordsInstrumentation extends NamedTypeInstrumentation {

  ConsumerRecordsInstrumentation() {
    super("org.apache.kafka.clients.consumer.ConsumerRecords", KafkaInstrumentation.RECORD_HEADERS);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"iterator()Ljava/util/Iterator;"}, any(),
        "io.laneagent.instrumentation.kafka.RecordsIteratorAdvice");
    target.apply(new String[] {"records(Lorg/apache/kafka/common/TopicPartition;)Ljava/util/List;"}, any(),
        "io.laneagent.instrumentation.kafka.RecordsByPartitionAdvice");
    target.apply(new String[] {"records(Ljava/lang/String;)Ljava/lang/Iterable;"}, any(),
        "io.laneagent.instrumentation.kafka.RecordsByTopicAdvice");
  }
}
