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
    // record headers came with kafka-clients 0.11: older clients are skipped when classes are matched
    super("org.apache.kafka.clients.consumer.ConsumerRecords", HEADERS);
  }


  private static final String HEADERS = "org.apache.kafka.common.header.Headers";

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
