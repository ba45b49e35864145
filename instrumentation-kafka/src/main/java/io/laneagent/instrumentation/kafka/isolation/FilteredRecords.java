package io.laneagent.instrumentation.kafka.isolation;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link ConsumerRecords} with fewer records than the client returned. kafka-clients 4.0 added the next
 * offsets of every polled partition ({@code nextOffsets()}, KIP-1094); they are kept as the client said them
 * (the positions after the skipped records too), through the two-argument constructor found by reflection,
 * since this class is compiled against the oldest client.
 */
final class FilteredRecords {

  private static final Constructor<?> WITH_NEXT_OFFSETS;
  private static final Method NEXT_OFFSETS;

  static {
    Constructor<?> constructor = null;
    Method nextOffsets = null;
    try {
      nextOffsets = ConsumerRecords.class.getMethod("nextOffsets");
      constructor = ConsumerRecords.class.getConstructor(Map.class, Map.class);
    } catch (NoSuchMethodException olderClient) {
      nextOffsets = null;
      constructor = null;
    }
    WITH_NEXT_OFFSETS = constructor;
    NEXT_OFFSETS = nextOffsets;
  }

  private FilteredRecords() {}

  @SuppressWarnings("unchecked")
  static <K, V> ConsumerRecords<K, V> of(ConsumerRecords<K, V> polled,
      Map<TopicPartition, List<ConsumerRecord<K, V>>> kept) {
    if (WITH_NEXT_OFFSETS != null) {
      try {
        return (ConsumerRecords<K, V>) WITH_NEXT_OFFSETS.newInstance(kept, NEXT_OFFSETS.invoke(polled));
      } catch (ReflectiveOperationException | RuntimeException fallBack) {
        // the one-argument constructor below still serves
      }
    }
    return new ConsumerRecords<>(kept);
  }
}
