package io.laneagent.testapp.tooold;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The JDK HttpServer app with kafka-clients 0.10.2 (no record headers): {@code via=kafka010} sends a
 * record (no broker listens: it times out, as it would without the agent), creates a consumer and
 * iterates records, then makes the downstream call. Reports any linkage error instead of the call's result.
 */
public final class TooOldLibsApp {

  public static void main(String[] args) throws Exception {
    Probe.registerHandOff("kafka010", TooOldLibsApp::kafka);
    JdkHttpServerApp.main(args);
  }

  private static String kafka(Map<String, String> params) throws Exception {
    Properties producerConfig = new Properties();
    producerConfig.put("bootstrap.servers", "127.0.0.1:9");
    producerConfig.put("max.block.ms", "300");
    producerConfig.put("key.serializer", StringSerializer.class.getName());
    producerConfig.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
      producer.send(new ProducerRecord<>("old", "k", "v"), (metadata, error) -> { }).get(5, TimeUnit.SECONDS);
    } catch (LinkageError e) {
      return "LINKAGE ERROR in send: " + e;
    } catch (Exception expected) {
      // no broker: a timeout, as without the agent
    }
    Properties consumerConfig = new Properties();
    consumerConfig.put("bootstrap.servers", "127.0.0.1:9");
    consumerConfig.put("group.id", "old");
    consumerConfig.put("key.deserializer", StringDeserializer.class.getName());
    consumerConfig.put("value.deserializer", StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
      // no poll: without a broker, a 0.10 consumer's poll blocks whatever its timeout (fixed in 2.0);
      // the consumer and the records it would return are loaded, which is where matching happens
      consumer.subscribe(Collections.singletonList("old"));
      new ConsumerRecords<String, String>(Collections.emptyMap()).forEach(record -> { });
    } catch (LinkageError e) {
      return "LINKAGE ERROR in poll: " + e;
    }
    Map<String, String> call = new LinkedHashMap<>(params);
    call.remove("via");
    return Probe.call(call);
  }
}
