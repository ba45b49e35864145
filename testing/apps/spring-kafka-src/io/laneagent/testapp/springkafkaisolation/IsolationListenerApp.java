package io.laneagent.testapp.springkafkaisolation;

import io.laneagent.testapp.Probe;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * One pod of a Spring Kafka consumer group for the lane isolation test: a {@code @KafkaListener} that appends
 * each record it gets to a record log ({@code <value> <partition>:<offset>}). Which listener runs is
 * {@code isolation.listener}: {@code record}, {@code record-manual} (acknowledges each record), {@code batch}
 * ({@code List<ConsumerRecord>}) or {@code batch-manual}; the ack mode is Spring's
 * {@code spring.kafka.listener.ack-mode}. No lane code, no web server.
 */
@SpringBootApplication
public class IsolationListenerApp {

  private final OutputStream log;

  public IsolationListenerApp(@Value("${isolation.log}") String file) throws IOException {
    this.log = new FileOutputStream(file, true);
  }

  public static void main(String[] args) {
    SpringApplication.run(IsolationListenerApp.class, args);
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.ready(0);
  }

  synchronized void write(ConsumerRecord<String, String> record) {
    try {
      log.write((record.value() + " " + record.partition() + ":" + record.offset() + "\n").getBytes(StandardCharsets.UTF_8));
      log.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // one listener runs: the others' containers exist but never start
  @KafkaListener(topics = "${isolation.topic}", groupId = "${isolation.group}",
      autoStartup = "#{'${isolation.listener}' == 'record'}")
  void onRecord(ConsumerRecord<String, String> record) {
    write(record);
  }

  @KafkaListener(topics = "${isolation.topic}", groupId = "${isolation.group}",
      autoStartup = "#{'${isolation.listener}' == 'record-manual'}")
  void onRecordAcknowledged(ConsumerRecord<String, String> record, Acknowledgment ack) {
    write(record);
    ack.acknowledge();
  }

  @KafkaListener(topics = "${isolation.topic}", groupId = "${isolation.group}", batch = "true",
      autoStartup = "#{'${isolation.listener}' == 'batch'}")
  void onBatch(List<ConsumerRecord<String, String>> records) {
    records.forEach(this::write);
  }

  @KafkaListener(topics = "${isolation.topic}", groupId = "${isolation.group}", batch = "true",
      autoStartup = "#{'${isolation.listener}' == 'batch-manual'}")
  void onBatchAcknowledged(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
    records.forEach(this::write);
    ack.acknowledge();
  }
}
