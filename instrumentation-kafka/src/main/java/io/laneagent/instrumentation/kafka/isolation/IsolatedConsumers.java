package io.laneagent.instrumentation.kafka.isolation;

import io.laneagent.bootstrap.LaneLog;
import io.laneagent.bootstrap.LaneSettings;
import io.laneagent.bootstrap.Lanes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The advice's entry into lane isolation ({@code lane.kafka.isolation}): the isolated consumers by identity
 * ({@code KafkaConsumer} does not override {@code equals}), registered when built and removed when closed.
 * Every hook catches what it throws: isolation failing must not fail the application's poll.
 */
public final class IsolatedConsumers {

  private static final Map<Object, IsolatedConsumer> CONSUMERS = new ConcurrentHashMap<>();

  private IsolatedConsumers() {}

  /** {@code KafkaConsumer}'s constructor ended: consumers of a group take part. */
  public static void register(Object consumer, ConsumerConfig config) {
    try {
      IsolatedConsumer isolated = IsolatedConsumerConfig.isolated(config, LaneSettings.current());
      if (isolated != null) {
        CONSUMERS.put(consumer, isolated);
        LaneLog.info("Kafka isolation: a consumer of group '" + isolated.group + "' in "
            + (isolated.isBase() ? "a base pod (lane.base=" + isolated.baseLane + ")"
                : "lane " + isolated.ownLane + " joins '" + isolated.groupJoined() + "'"));
      }
    } catch (Throwable e) {
      LaneLog.warn("Kafka isolation: this consumer is not isolated", e);
    }
  }

  public static void beforePoll(Object consumer) {
    IsolatedConsumer isolated = CONSUMERS.get(consumer);
    if (isolated != null) {
      try {
        isolated.beforePoll((Consumer<?, ?>) consumer);
      } catch (Throwable e) {
        LaneLog.warnRateLimited("kafka-isolation-before-poll", "Kafka isolation: preparing a poll failed: " + e);
      }
    }
  }

  public static <K, V> ConsumerRecords<K, V> afterPoll(Object consumer, ConsumerRecords<K, V> records,
      Map<Object, Lanes> lanes) {
    IsolatedConsumer isolated = records == null ? null : CONSUMERS.get(consumer);
    if (isolated == null) {
      return records;
    }
    try {
      return isolated.afterPoll(records, lanes);
    } catch (Throwable e) {
      LaneLog.warnRateLimited("kafka-isolation-after-poll", "Kafka isolation: filtering a poll failed, the application"
          + " gets all of its records: " + e);
      return records;
    }
  }

  @SuppressWarnings("unchecked")
  public static void committed(Object consumer, Map<?, ?> offsets) {
    IsolatedConsumer isolated = offsets == null ? null : CONSUMERS.get(consumer);
    if (isolated != null) {
      isolated.committed((Map<TopicPartition, OffsetAndMetadata>) offsets);
    }
  }

  public static void committedAll(Object consumer) {
    IsolatedConsumer isolated = CONSUMERS.get(consumer);
    if (isolated != null) {
      isolated.committedAll();
    }
  }

  public static void closed(Object consumer) {
    IsolatedConsumer isolated = CONSUMERS.remove(consumer);
    if (isolated != null) {
      isolated.closed();
    }
  }
}
