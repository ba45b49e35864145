package io.laneagent.instrumentation.kafka.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneagent.bootstrap.LaneSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IsolatedConsumerConfigTest {

  private final LaneSettings before = LaneSettings.current();

  @AfterEach
  void restore() {
    LaneSettings.install(before);
  }

  @Test
  void aLanePodsConsumerJoinsTheLaneGroupAndKnowsItsBaseGroup() {
    LaneSettings.install(LaneSettings.builder().local("gray").kafkaIsolation(true, 2000).build());
    ConsumerConfig config = IsolatedConsumerConfig.withLaneGroup(config("orders", null));
    assertThat(config.getString("group.id")).isEqualTo("orders_gray");
    IsolatedConsumer isolated = IsolatedConsumerConfig.isolated(config, LaneSettings.current());
    assertThat(isolated.group).isEqualTo("orders");
    assertThat(isolated.ownLane).isEqualTo("gray");
    assertThat(isolated.groupJoined()).isEqualTo("orders_gray");
  }

  @Test
  void aBasePodsConsumerKeepsItsGroup() {
    LaneSettings.install(LaneSettings.builder().local("prod").kafkaIsolation(true, 2000).build());
    ConsumerConfig config = config("orders", null);
    assertThat(IsolatedConsumerConfig.withLaneGroup(config)).isSameAs(config);
    IsolatedConsumer isolated = IsolatedConsumerConfig.isolated(config, LaneSettings.current());
    assertThat(isolated.isBase()).isTrue();
    assertThat(isolated.baseLane).isEqualTo("prod");
  }

  @Test
  void consumersWithoutAGroupAndKafkaStreamsTakeNoPart() {
    LaneSettings.install(LaneSettings.builder().local("gray").kafkaIsolation(true, 2000).build());
    assertThat(IsolatedConsumerConfig.isolated(config(null, null), LaneSettings.current())).isNull();
    // Kafka Streams is recognised by its assignor's name; the config only loads the class
    ConsumerConfig streams = config("app", LookalikeStreamsPartitionAssignor.class.getName());
    assertThat(IsolatedConsumerConfig.withLaneGroup(streams).getString("group.id")).isEqualTo("app");
    assertThat(IsolatedConsumerConfig.isolated(streams, LaneSettings.current())).isNull();
  }

  @Test
  void theAdminClientGetsTheConsumersConnectionAndSecuritySettingsOnly() {
    Map<String, Object> props = new HashMap<>(base("orders"));
    props.put("security.protocol", "SASL_SSL");
    props.put("sasl.mechanism", "PLAIN");
    Map<String, Object> admin = IsolatedConsumerConfig.adminConfig(new ConsumerConfig(props));
    assertThat(admin).containsEntry("bootstrap.servers", "127.0.0.1:9092").containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN").doesNotContainKeys("group.id", "key.deserializer", "auto.offset.reset");
    assertThat((String) admin.get("client.id")).startsWith("lane-agent-isolation-orders-");
  }

  private static ConsumerConfig config(String group, String assignor) {
    Map<String, Object> props = base(group);
    if (assignor != null) {
      props.put("partition.assignment.strategy", assignor);
    }
    return new ConsumerConfig(props);
  }

  private static Map<String, Object> base(String group) {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", "127.0.0.1:9092");
    if (group != null) {
      props.put("group.id", group);
    }
    props.put("auto.offset.reset", "earliest");
    props.put("key.deserializer", StringDeserializer.class);
    props.put("value.deserializer", StringDeserializer.class);
    return props;
  }

  /** Stands in for Kafka Streams' assignor, which this module does not depend on. */
  static final class LookalikeStreamsPartitionAssignor {}
}
