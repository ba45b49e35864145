package io.laneagent.instrumentation.kafka.isolation;

import io.laneagent.bootstrap.LaneLog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A lane group that joins for the first time starts where the base group is, whatever
 * {@code auto.offset.reset} says: before the lane pod's consumer first polls, a lane group without committed
 * offsets gets the base group's. (A lane group that has offsets keeps them: the base pods moved them while it
 * had no members.)
 */
final class LaneGroupStart {

  private LaneGroupStart() {}

  static void ensureStarted(Map<String, Object> adminConfig, String baseGroup, String laneGroup, long timeoutMillis) {
    Admin admin = null;
    try {
      admin = AdminClient.create(adminConfig);
      Map<TopicPartition, OffsetAndMetadata> own = GroupOffsets.committed(admin, laneGroup, timeoutMillis);
      if (!own.isEmpty()) {
        LaneLog.info("Kafka isolation: this consumer joins the lane group '" + laneGroup + "' at its committed offsets");
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> base = GroupOffsets.committed(admin, baseGroup, timeoutMillis);
      if (base.isEmpty()) {
        LaneLog.info("Kafka isolation: this consumer joins the new lane group '" + laneGroup + "'; the base group '"
            + baseGroup + "' has no offsets to start from");
        return;
      }
      admin.alterConsumerGroupOffsets(laneGroup, base).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
      LaneLog.info("Kafka isolation: the new lane group '" + laneGroup + "' starts where '" + baseGroup + "' is ("
          + base.size() + " partitions)");
    } catch (Exception e) {
      // another pod of the lane may have joined first (the group is then not empty): it started it
      LaneLog.warn("Kafka isolation: could not start the lane group '" + laneGroup + "' at the offsets of '" + baseGroup
          + "' (" + e + "); it starts as its consumer's auto.offset.reset says");
    } finally {
      if (admin != null) {
        admin.close(Duration.ofSeconds(5));
      }
    }
  }
}
