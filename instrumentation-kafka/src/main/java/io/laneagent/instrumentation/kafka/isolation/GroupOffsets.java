package io.laneagent.instrumentation.kafka.isolation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A group's committed offsets as the broker has them (partitions without one left out). */
final class GroupOffsets {

  private GroupOffsets() {}

  static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group, long timeoutMillis) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get(timeoutMillis, TimeUnit.MILLISECONDS));
    offsets.values().removeIf(offset -> offset == null);
    return offsets;
  }
}
