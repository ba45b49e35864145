package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;

import io.laneagent.bootstrap.LaneSettings;
import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code KafkaConsumer}: {@code poll} ends the previous record's lanes and reads the new batch's. With
 * {@code lane.kafka.isolation} also the constructor every public one delegates to (a lane pod's consumer is
 * built with the lane group), the commits (what the application committed) and {@code close}, and
 * {@code poll} filters the batch (see the {@code isolation} package).
 */
final class ConsumerInstrumentation extends NamedTypeInstrumentation {

  private static final String MAP = "Ljava/util/Map;";

  private final boolean isolation;

  ConsumerInstrumentation() {
    super("org.apache.kafka.clients.consumer.KafkaConsumer", KafkaInstrumentation.RECORD_HEADERS);
    this.isolation = LaneSettings.current().kafkaIsolation();
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "poll(Ljava/time/Duration;)Lorg/apache/kafka/clients/consumer/ConsumerRecords;",
            "poll(J)Lorg/apache/kafka/clients/consumer/ConsumerRecords;"},
        any(), "io.laneagent.instrumentation.kafka.ConsumerPollAdvice");
    if (!isolation) {
      return;
    }
    target.apply(new String[] {"<init>(Lorg/apache/kafka/clients/consumer/ConsumerConfig;"
            + "Lorg/apache/kafka/common/serialization/Deserializer;Lorg/apache/kafka/common/serialization/Deserializer;)V"},
        any(), "io.laneagent.instrumentation.kafka.ConsumerConstructorAdvice");
    target.apply(new String[] {"commitSync(" + MAP + ")V", "commitSync(" + MAP + "Ljava/time/Duration;)V",
            "commitAsync(" + MAP + "Lorg/apache/kafka/clients/consumer/OffsetCommitCallback;)V"},
        isPublic(), "io.laneagent.instrumentation.kafka.ConsumerCommitOffsetsAdvice");
    target.apply(new String[] {"commitSync()V", "commitSync(Ljava/time/Duration;)V", "commitAsync()V",
            "commitAsync(Lorg/apache/kafka/clients/consumer/OffsetCommitCallback;)V"},
        isPublic(), "io.laneagent.instrumentation.kafka.ConsumerCommitPositionsAdvice");
    target.apply(new String[] {"close"}, isPublic(), "io.laneagent.instrumentation.kafka.ConsumerCloseAdvice");
    // supertypes first: the checker implements IsolatedConsumer.Snapshots
    target.helpers(ISOLATION + "IsolatedConsumer$Snapshots", ISOLATION + "LaneGroups", ISOLATION + "GroupOffsets",
        ISOLATION + "HandOverWindow", ISOLATION + "LaneSnapshot",
        ISOLATION + "OffsetLog", ISOLATION + "PartitionState", ISOLATION + "FilteredRecords",
        ISOLATION + "LaneGroupStart", ISOLATION + "LiveLaneChecker", ISOLATION + "LiveLaneChecker$1",
        ISOLATION + "LiveLaneChecker$2", ISOLATION + "IsolatedConsumer", ISOLATION + "IsolatedConsumerConfig",
        ISOLATION + "IsolatedConsumers");
  }

  private static final String ISOLATION = "io.laneagent.instrumentation.kafka.isolation.";
}
