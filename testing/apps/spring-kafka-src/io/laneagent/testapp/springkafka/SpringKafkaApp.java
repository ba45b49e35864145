package io.laneagent.testapp.springkafka;

import io.laneagent.testapp.Probe;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Boot app with Spring Kafka: {@code via=kafka-template} sends with KafkaTemplate; a
 * record {@code @KafkaListener} and three batch listeners (ConsumerRecords, List of ConsumerRecord, List
 * of payloads) call the downstream with each record's value as the probe id. No lane code.
 */
@SpringBootApplication
@RestController
public class SpringKafkaApp {

  private final KafkaTemplate<String, String> template;
  private final String prefix;
  private final String downstream;

  public SpringKafkaApp(KafkaTemplate<String, String> template, @Value("${probe.prefix}") String prefix,
      @Value("${downstream.url}") String downstream) {
    this.template = template;
    this.prefix = prefix;
    this.downstream = downstream;
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringKafkaApp.class, args);
  }

  @GetMapping("/probe")
  public String probe(HttpServletRequest request) throws Exception {
    return Probe.handle(request.getQueryString());
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.registerHandOff("kafka-template", p -> {
      template.send(prefix + "-" + p.get("topic"), p.get("id"), p.get("id")).get(30, TimeUnit.SECONDS);
      return "called " + p.get("id") + " via kafka-template: 200";
    });
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }

  @KafkaListener(topics = "${probe.prefix}-record", groupId = "${probe.prefix}-record")
  public void onRecord(ConsumerRecord<String, String> record) {
    call(record.value());
  }

  @KafkaListener(topics = "${probe.prefix}-batch-records", groupId = "${probe.prefix}-batch-records", batch = "true")
  public void onConsumerRecords(ConsumerRecords<String, String> records) {
    for (ConsumerRecord<String, String> record : records) {
      call(record.value());
    }
  }

  @KafkaListener(topics = "${probe.prefix}-batch-list", groupId = "${probe.prefix}-batch-list", batch = "true")
  public void onRecordList(List<ConsumerRecord<String, String>> records) {
    for (ConsumerRecord<String, String> record : records) {
      call(record.value());
    }
  }

  @KafkaListener(topics = "${probe.prefix}-batch-payloads", groupId = "${probe.prefix}-batch-payloads", batch = "true")
  public void onPayloads(List<String> ids) {
    for (String id : ids) {
      call(id);
    }
  }

  private void call(String id) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("target", downstream + "/next");
    params.put("id", id);
    try {
      Probe.call(params);
    } catch (Exception e) {
      System.err.println("listener call failed: " + e);
    }
  }
}
