package io.laneagent.testapp.kafka;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The JDK HttpServer app with a plain Kafka producer and plain consumer loops, one per way of iterating
 * a batch (for-each, {@code records(partition)}, {@code records(topic)}, {@code iterator()}, and a
 * for-each left with {@code break} after the first record). Each consumed record's value is a probe id;
 * the consumer calls the downstream with it, tagged {@code x-batch: <poll number>/<records in that poll>}.
 * After each loop it calls once more, as {@code <last id>-after-loop}; the {@code break} loop calls
 * {@code <id>-after-break} right after leaving, and {@code <id>-after-next-poll} after its next poll. No
 * lane code. Arguments: bootstrap servers, topic prefix, downstream base URL.
 */
public final class KafkaApp {

  static final String[] STYLES = {"foreach", "partition", "topic", "iterator", "break"};

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    String prefix = args[1];
    String downstream = args[2];
    KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(bootstrap));
    Probe.registerHandOff("kafka-send", p -> {
      ProducerRecord<String, String> record = new ProducerRecord<>(prefix + "-" + p.get("topic"), p.get("id"), p.get("id"));
      if (p.containsKey("appHeader")) {
        record.headers().add(p.getOrDefault("appHeaderName", "env"), p.get("appHeader").getBytes(StandardCharsets.UTF_8));
      }
      producer.send(record).get(30, TimeUnit.SECONDS);
      return "called " + p.get("id") + " via kafka: 200";
    });
    for (String style : STYLES) {
      Thread consumer = new Thread(() -> consume(bootstrap, prefix + "-" + style, style, downstream), "consumer-" + style);
      consumer.setDaemon(true);
      consumer.start();
    }
    JdkHttpServerApp.main(new String[0]);
  }

  private static Properties producerConfig(String bootstrap) {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", StringSerializer.class.getName());
    config.put("linger.ms", "0");
    return config;
  }

  private static void consume(String bootstrap, String topic, String style, String downstream) {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.put("group.id", topic + "-" + UUID.randomUUID());
    config.put("auto.offset.reset", "earliest");
    config.put("key.deserializer", StringDeserializer.class.getName());
    config.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(Collections.singletonList(topic));
      int polls = 0;
      String leftEarly = null;
      while (true) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
        if (leftEarly != null) {
          call(downstream, leftEarly + "-after-next-poll", null);
          leftEarly = null;
        }
        if (records.isEmpty()) {
          continue;
        }
        String batch = ++polls + "/" + records.count();
        String last = null;
        switch (style) {
          case "foreach":
            for (ConsumerRecord<String, String> record : records) {
              last = callFor(record, downstream, batch);
            }
            break;
          case "partition":
            for (TopicPartition partition : records.partitions()) {
              for (ConsumerRecord<String, String> record : records.records(partition)) {
                last = callFor(record, downstream, batch);
              }
            }
            break;
          case "topic":
            for (ConsumerRecord<String, String> record : records.records(topic)) {
              last = callFor(record, downstream, batch);
            }
            break;
          case "break":
            for (ConsumerRecord<String, String> record : records) {
              String id = callFor(record, downstream, batch);
              call(downstream, id + "-after-break", null); // still inside the record: the loop did not end
              leftEarly = id;
              break;
            }
            break;
          default:
            Iterator<ConsumerRecord<String, String>> iterator = records.iterator();
            while (iterator.hasNext()) {
              last = callFor(iterator.next(), downstream, batch);
            }
        }
        if (last != null) {
          call(downstream, last + "-after-loop", null);
        }
      }
    }
  }

  /** The downstream call for one record (its value is the probe id), tagged with its poll; returns the id. */
  private static String callFor(ConsumerRecord<String, String> record, String downstream, String batch) {
    call(downstream, record.value(), batch);
    return record.value();
  }

  private static void call(String downstream, String id, String batch) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("target", downstream + "/next");
    params.put("id", id);
    if (batch != null) {
      params.put("appHeaderName", "x-batch");
      params.put("appHeader", batch);
    }
    try {
      Probe.call(params);
    } catch (Exception e) {
      System.err.println("consumer call failed: " + e);
    }
  }
}
