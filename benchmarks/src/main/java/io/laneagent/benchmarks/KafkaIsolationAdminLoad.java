package io.laneagent.benchmarks;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The broker load of Kafka lane isolation in one base pod: a consumer of group {@code g} (no own lane, so a base
 * pod) polls a 3-partition topic for {@code seconds} while the broker has one lane group without members
 * ({@code g_daily}, with committed offsets: the heavier case, whose offsets are read at every check). Reads the
 * agent's own count of its admin client's requests ({@code RecordsIsolated["admin-requests"]}) and prints
 * requests per minute. Run with {@code -javaagent:lane-agent.jar=kafka.isolation=true}. Arguments: bootstrap
 * servers, seconds.
 */
public final class KafkaIsolationAdminLoad {

  private KafkaIsolationAdminLoad() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    int seconds = Integer.parseInt(args[1]);
    String topic = "load-" + UUID.randomUUID();
    String group = "g-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Collections.<String, Object>singletonMap("bootstrap.servers", bootstrap))) {
      admin.createTopics(Collections.singletonList(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
      admin.alterConsumerGroupOffsets(group + "_daily",
          Collections.singletonMap(new TopicPartition(topic, 0), new OffsetAndMetadata(0))).all().get(30, TimeUnit.SECONDS);
    }
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.put("group.id", group);
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", StringDeserializer.class.getName());
    long before = adminRequests();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(Collections.singletonList(topic));
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200));
      }
      long requests = adminRequests() - before;
      System.out.printf("RESULT admin_requests=%d seconds=%d admin_requests_per_minute=%.1f%n", requests, seconds,
          requests * 60.0 / seconds);
    }
  }

  /** The agent's counter, read from its bootstrap classes (the agent is attached, or this fails). */
  @SuppressWarnings("unchecked")
  private static long adminRequests() throws ReflectiveOperationException {
    Class<?> counters = Class.forName("io.laneagent.bootstrap.LaneCounters", true, null);
    Long count = ((Map<String, Long>) counters.getMethod("isolation").invoke(null)).get("admin-requests");
    return count == null ? 0 : count;
  }
}
