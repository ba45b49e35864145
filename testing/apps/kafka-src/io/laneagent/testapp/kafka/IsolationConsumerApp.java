package io.laneagent.testapp.kafka;

import io.laneagent.testapp.Probe;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One pod of a consumer group for the lane isolation test: a plain poll loop that appends each record it gets
 * to a record log ({@code <value> <partition>:<offset>} per line, flushed before the commit), and commits as
 * told: {@code auto} (auto commit, 1 s), {@code sync} ({@code commitSync()} after each poll) or {@code offsets}
 * ({@code commitSync(offsets)} of the records it got). No lane code. Arguments: bootstrap servers, topic,
 * group, record log file, commit mode.
 */
public final class IsolationConsumerApp {

  public static void main(String[] args) throws Exception {
    String commit = args[4];
    Properties config = new Properties();
    config.put("bootstrap.servers", args[0]);
    config.put("group.id", args[2]);
    config.put("auto.offset.reset", "earliest");
    config.put("enable.auto.commit", String.valueOf(commit.equals("auto")));
    config.put("auto.commit.interval.ms", "1000");
    // a killed pod leaves its group after 6 s (the broker's minimum), not the default 45 s
    config.put("session.timeout.ms", "6000");
    config.put("heartbeat.interval.ms", "1000");
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", StringDeserializer.class.getName());
    try (OutputStream log = new FileOutputStream(args[3], true);
         KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(Collections.singletonList(args[1]));
      Probe.ready(0);
      while (true) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
          write(log, record.value() + " " + record.partition() + ":" + record.offset() + "\n");
          offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        if (commit.equals("sync")) {
          consumer.commitSync();
        } else if (commit.equals("offsets") && !offsets.isEmpty()) {
          consumer.commitSync(offsets);
        }
      }
    }
  }

  static void write(OutputStream log, String line) {
    try {
      log.write(line.getBytes(StandardCharsets.UTF_8));
      log.flush();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the record log", e);
    }
  }
}
