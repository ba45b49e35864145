package io.laneagent.instrumentation.kafka.isolation;

import io.laneagent.bootstrap.LaneLog;
import io.laneagent.bootstrap.LaneSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Reads a consumer's configuration for lane isolation: the group (in a lane pod the consumer is built with
 * the lane group instead), whether it commits by itself, and the settings its admin client inherits.
 */
public final class IsolatedConsumerConfig {

  private static final AtomicInteger ADMIN_CLIENTS = new AtomicInteger();

  private IsolatedConsumerConfig() {}

  /** {@code config}, with {@code group.id} = the lane group in a lane pod; unchanged otherwise. */
  public static ConsumerConfig withLaneGroup(ConsumerConfig config) {
    LaneSettings settings = LaneSettings.current();
    String group = config.getString(ConsumerConfig.GROUP_ID_CONFIG);
    String laneGroup = LaneGroups.groupFor(group, settings);
    if (laneGroup == null || laneGroup.equals(group) || isKafkaStreams(config)) {
      return config;
    }
    Map<String, Object> copy = new HashMap<>(config.originals());
    copy.put(ConsumerConfig.GROUP_ID_CONFIG, laneGroup);
    return new ConsumerConfig(copy);
  }

  /** The isolation state of a consumer built with {@code config}, or null when it takes no part. */
  static IsolatedConsumer isolated(ConsumerConfig config, LaneSettings settings) {
    String joined = config.getString(ConsumerConfig.GROUP_ID_CONFIG);
    if (joined == null || joined.isEmpty()) {
      return null; // no group: the application assigns partitions and keeps offsets itself
    }
    if (isKafkaStreams(config)) {
      LaneLog.warnOnce("kafka-isolation-streams", "Kafka isolation does not apply to Kafka Streams applications:"
          + " their consumers keep their group and take every lane's records");
      return null;
    }
    String group = settings.isBasePod() ? joined : LaneGroups.baseGroupOf(joined, settings.local());
    if (group == null) {
      LaneLog.warn("Kafka isolation: a consumer of group '" + joined + "' in lane " + settings.local()
          + " was built without its lane group: it is not isolated");
      return null;
    }
    return new IsolatedConsumer(group, settings.isBasePod() ? null : settings.local(), settings.base(),
        config.getBoolean(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG), adminConfig(config),
        settings.isolationCheckMillis());
  }

  /**
   * Kafka Streams names its internal topics after its application id, which is also the group: a lane group
   * would split one application's state. Its consumers use its own assignor.
   */
  static boolean isKafkaStreams(ConsumerConfig config) {
    // the original value, not getList(): a list of Class objects would not cast to strings
    Object assignors = config.originals().get(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
    return assignors != null && String.valueOf(assignors).contains("StreamsPartitionAssignor");
  }

  /** The consumer's connection and security settings, for an admin client of the agent's. */
  static Map<String, Object> adminConfig(ConsumerConfig config) {
    Map<String, Object> admin = new HashMap<>();
    for (Map.Entry<String, Object> entry : config.originals().entrySet()) {
      if (AdminClientConfig.configNames().contains(entry.getKey()) && entry.getValue() != null) {
        admin.put(entry.getKey(), entry.getValue());
      }
    }
    admin.remove(AdminClientConfig.METRIC_REPORTER_CLASSES_CONFIG); // the application's reporters are not for us
    // one id per consumer: several admin clients of one id in a JVM make the client warn about its app-info MBean
    admin.put(AdminClientConfig.CLIENT_ID_CONFIG, "lane-agent-isolation-" + config.getString(ConsumerConfig.GROUP_ID_CONFIG)
        + "-" + ADMIN_CLIENTS.incrementAndGet());
    return admin;
  }
}
