package io.laneagent.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A timed loop against a real broker: produce {@code count} messages (inside a request in lane gray when
 * the agent is attached, so every record gets the lane header), then consume them all iterating each
 * batch — the loop in which the agent switches lanes per record. Every consumed record is checked: with
 * the agent each carries {@code env: gray}, without it none does (else the run measured something
 * else). Prints ns per message for each side, best of {@code rounds}. Arguments: bootstrap servers,
 * count, rounds.
 *
 * <p>For Kafka lane isolation: {@code -Dbench.half.daily=true} gives every second record the application's own
 * {@code env: daily} header (the application's header wins), and {@code -Dbench.expect.seen=N} /
 * {@code -Dbench.expect.gray=N} say how many records the consumer must get, and how many of those in gray (a
 * gray lane pod gets only the gray half). The time is per record polled, kept or not.
 */
public final class KafkaPerMessage {

  private static final boolean HALF_DAILY = Boolean.getBoolean("bench.half.daily");

  private KafkaPerMessage() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    int count = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    boolean agent = Lanes.agentAttached();
    long bestProduce = Long.MAX_VALUE;
    long bestConsume = Long.MAX_VALUE;
    for (int round = 0; round < rounds; round++) {
      String topic = "perf-" + UUID.randomUUID();
      bestProduce = Math.min(bestProduce, produce(bootstrap, topic, count, agent));
      bestConsume = Math.min(bestConsume, consume(bootstrap, topic, count, agent));
    }
    System.out.printf("RESULT produce_ns_per_message=%.1f consume_ns_per_message=%.1f messages=%d rounds=%d lane=%s%n",
        (double) bestProduce / count, (double) bestConsume / count, count, rounds, agent ? "gray" : "none");
  }

  private static long produce(String bootstrap, String topic, int count, boolean agent) throws Exception {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", StringSerializer.class.getName());
    config.put("linger.ms", "5");
    config.put("acks", "1");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.partitionsFor(topic); // metadata (and topic creation) outside the timed part
      Object scope = Lanes.enter(agent);
      try {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          ProducerRecord<String, String> record = new ProducerRecord<>(topic, "message-" + i);
          if (HALF_DAILY && i % 2 == 1) {
            record.headers().add("env", "daily".getBytes(StandardCharsets.UTF_8));
          }
          producer.send(record);
        }
        producer.flush();
        return System.nanoTime() - start;
      } finally {
        Lanes.exit(scope);
      }
    }
  }

  private static long consume(String bootstrap, String topic, int count, boolean agent) {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.put("group.id", topic);
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", "2000");
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(Collections.singletonList(topic));
      int expectSeen = Integer.getInteger("bench.expect.seen", count);
      int expectGray = Integer.getInteger("bench.expect.gray", agent ? (HALF_DAILY ? count / 2 : count) : 0);
      int seen = 0;
      int withLane = 0;
      long sum = 0;
      long start = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (seen < expectSeen && System.nanoTime() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        if (start == 0 && !records.isEmpty()) {
          start = System.nanoTime(); // from the first batch: group join is not per-message cost
        }
        for (ConsumerRecord<String, String> record : records) {
          sum += record.value().length();
          Header lane = record.headers().lastHeader("env");
          if (lane != null && "gray".equals(new String(lane.value(), StandardCharsets.UTF_8))) {
            withLane++;
          }
          seen++;
        }
      }
      if (seen != expectSeen) {
        throw new IllegalStateException("consumed " + seen + " of the " + expectSeen + " expected");
      }
      if (withLane != expectGray) {
        throw new IllegalStateException(withLane + " of " + seen + " records carried env: gray, not " + expectGray);
      }
      return System.nanoTime() - start + (sum == 0 ? 1 : 0);
    }
  }
}
