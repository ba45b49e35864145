package io.laneagent.testing;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's own producer (never under the agent), writing one record every {@code periodMillis} for as long as
 * it runs, in the lanes given in turn (header {@code env}; null: none). A record's value is
 * {@code <sequence>-<lane or none>}; {@link #sent()} is the sequence number of the next record.
 */
final class SteadyProducer implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final Thread thread;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, String> lanes = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private volatile Exception failure;

  SteadyProducer(String bootstrap, String topic, long periodMillis, String... cycle) {
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.put("key.serializer", StringSerializer.class.getName());
    config.put("value.serializer", StringSerializer.class.getName());
    config.put("linger.ms", "0");
    producer = new KafkaProducer<>(config);
    thread = new Thread(() -> {
      long nextAt = System.nanoTime();
      while (running) {
        int sequence = next.get();
        String lane = cycle[sequence % cycle.length];
        String value = sequence + "-" + (lane == null ? "none" : lane);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, value, value);
        if (lane != null) {
          record.headers().add("env", lane.getBytes(StandardCharsets.UTF_8));
        }
        try {
          producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          failure = e;
          return;
        }
        lanes.put(value, lane == null ? "none" : lane);
        next.incrementAndGet();
        nextAt += TimeUnit.MILLISECONDS.toNanos(periodMillis);
        long wait = nextAt - System.nanoTime();
        if (wait > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(wait); // the steady rate itself: a wait for time, not for a condition
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }, "steady-producer");
    thread.setDaemon(true);
    thread.start();
  }

  /** How many records were sent (and acknowledged) so far. */
  int sent() {
    if (failure != null) {
      throw new IllegalStateException("the steady producer failed", failure);
    }
    return next.get();
  }

  /** Every record sent: value → lane ({@code none} for none). */
  Map<String, String> records() {
    return lanes;
  }

  /** Stops after the record in flight; returns how many were sent. */
  int stop() throws InterruptedException {
    running = false;
    thread.join(30_000);
    return sent();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    producer.close();
  }

  static int sequenceOf(String value) {
    return Integer.parseInt(value.substring(0, value.indexOf('-')));
  }

  static String laneOf(String value) {
    return value.substring(value.indexOf('-') + 1);
  }
}
