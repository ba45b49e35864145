package io.laneagent.testapp.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.sun.net.httpserver.HttpServer;
import io.laneagent.testapp.Probe;
import io.laneagent.testapp.ProbeHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Plain amqp-client, no lane code. {@code /probe?via=rabbit&queue=<q>&…} publishes the rest of the query
 * as a message to queue {@code q}; {@code via=rabbit-batch&lanes=gray,none,…} publishes one message per
 * value, each with that {@code env} header set by the application itself ({@code none}: no header) and
 * id {@code <id>-<i>}. With {@code -Drabbit.queues=<prefix>} the app also consumes {@code <prefix>-plain}
 * (a {@code DefaultConsumer} subclass) and {@code <prefix>-callback} (a {@code DeliverCallback}), on one
 * delivery thread, and runs each message: the next hop's HTTP call.
 */
public final class RabbitApp {

  private static Channel publishing;

  public static void main(String[] args) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(Integer.getInteger("rabbit.port"));
    Connection publisher = factory.newConnection();
    publishing = publisher.createChannel();

    String queues = System.getProperty("rabbit.queues");
    if (queues != null) {
      // one delivery thread for every consumer: a lane left behind would show in the next delivery
      factory.setSharedExecutor(Executors.newSingleThreadExecutor());
      Channel consuming = factory.newConnection().createChannel();
      consuming.queueDeclare(queues + "-plain", false, false, true, null);
      consuming.queueDeclare(queues + "-callback", false, false, true, null);
      consuming.basicConsume(queues + "-plain", true, new DefaultConsumer(consuming) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
          run(body);
        }
      });
      consuming.basicConsume(queues + "-callback", true, (tag, delivery) -> run(delivery.getBody()), tag -> { });
    }

    Probe.registerHandOff("rabbit", RabbitApp::publish);
    Probe.registerHandOff("rabbit-batch", RabbitApp::publishBatch);
    HttpServer http = ProbeHttpServer.start(4);
    Probe.ready(http.getAddress().getPort());
  }

  private static void run(byte[] body) {
    try {
      Probe.call(Probe.parse(new String(body, StandardCharsets.UTF_8)));
    } catch (Exception e) {
      System.out.println("consumer failed: " + e);
    }
  }

  private static String publish(Map<String, String> params) throws IOException {
    Map<String, String> message = new LinkedHashMap<>(params);
    message.remove("via");
    String queue = message.remove("queue");
    String appHeader = message.remove("msgHeader");
    AMQP.BasicProperties properties = appHeader == null ? null
        : new AMQP.BasicProperties.Builder().headers(Collections.singletonMap("env", appHeader)).build();
    publishing.basicPublish("", queue, properties, Probe.query(message).getBytes(StandardCharsets.UTF_8));
    return "published " + params.get("id");
  }

  private static String publishBatch(Map<String, String> params) throws IOException {
    String[] lanes = params.get("lanes").split(",");
    for (int i = 0; i < lanes.length; i++) {
      Map<String, String> message = new LinkedHashMap<>(params);
      message.remove("via");
      message.remove("lanes");
      String queue = message.remove("queue");
      message.put("id", params.get("id") + "-" + i);
      AMQP.BasicProperties.Builder properties = new AMQP.BasicProperties.Builder();
      if (!lanes[i].equals("none")) {
        properties.headers(Collections.singletonMap("env", lanes[i]));
      }
      publishing.basicPublish("", queue, properties.build(), Probe.query(message).getBytes(StandardCharsets.UTF_8));
    }
    return "published " + lanes.length;
  }

}
