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
 */
public final class KafkaPerMessage {

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
          producer.send(new ProducerRecord<>(topic, "message-" + i));
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
      int seen = 0;
      int withLane = 0;
      long sum = 0;
      long start = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (seen < count && System.nanoTime() < deadline) {
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
      if (seen < count) {
        throw new IllegalStateException("consumed " + seen + " of " + count);
      }
      if (withLane != (agent ? count : 0)) {
        throw new IllegalStateException(withLane + " of " + count + " records carried env: gray"
            + (agent ? ", with the agent attached: all should" : ", without the agent: none should"));
      }
      return System.nanoTime() - start + (sum == 0 ? 1 : 0);
    }
  }
}
