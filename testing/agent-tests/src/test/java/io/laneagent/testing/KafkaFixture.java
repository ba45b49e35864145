package io.laneagent.testing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link KafkaBroker} and a plain producer of the test's own (never under the agent), for sending
 * records with exactly the headers a test wants.
 */
final class KafkaFixture implements AutoCloseable {

  private final KafkaBroker broker;
  private final KafkaProducer<String, String> producer;

  private KafkaFixture(KafkaBroker broker, KafkaProducer<String, String> producer) {
    this.broker = broker;
    this.producer = producer;
  }

  static KafkaFixture start() throws Exception {
    KafkaBroker broker = KafkaBroker.start();
    Properties config = new Properties();
    config.put("bootstrap.servers", broker.bootstrapServers());
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", StringSerializer.class.getName());
    // one producer batch per sendBatch (flushed at its end), so that a consumer fetches it in one poll
    config.put("linger.ms", "1000");
    config.put("batch.size", "1048576");
    return new KafkaFixture(broker, new KafkaProducer<>(config));
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * One record per entry of {@code lanes} (value = a new probe id; header {@code env} = the lane, none
   * for null), flushed together so that consumers get them in one batch. Returns id → the lane the
   * consumer's call must carry: the record's, or {@code ownLane} for none or an invalid one.
   */
  Map<String, String> sendBatch(String topic, String ownLane, String... lanes) throws Exception {
    Map<String, String> expected = new LinkedHashMap<>();
    java.util.List<Future<?>> sent = new java.util.ArrayList<>();
    for (String lane : lanes) {
      String id = Probes.newId();
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, id, id);
      if (lane != null) {
        record.headers().add("env", lane.getBytes(StandardCharsets.UTF_8));
      }
      expected.put(id, lane == null || !lane.matches("[A-Za-z0-9._-]{1,128}") ? ownLane : lane);
      sent.add(producer.send(record));
    }
    producer.flush();
    for (Future<?> future : sent) {
      future.get(30, TimeUnit.SECONDS);
    }
    return expected;
  }

  @Override
  public void close() {
    producer.close();
    broker.close();
  }
}
