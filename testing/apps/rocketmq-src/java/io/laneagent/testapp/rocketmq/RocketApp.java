package io.laneagent.testapp.rocketmq;

import com.sun.net.httpserver.HttpServer;
import io.laneagent.testapp.Probe;
import io.laneagent.testapp.ProbeHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultLitePullConsumer;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.ConsumeOrderlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.consumer.listener.MessageListenerOrderly;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * Plain rocketmq-client (remoting), no lane code. {@code /probe?via=rocket&topic=<t>&mode=sync|async|oneway|batch}
 * sends the rest of the query as a message; {@code via=rocket-mixed&lanes=gray,none,…} sends one batch with a
 * message per value, each with that {@code env} property set by the application itself ({@code none}: none),
 * ids {@code <id>-<i>}. With {@code -Drocketmq.topics=<prefix>} the app also consumes, and runs each message (the
 * next hop's HTTP call): {@code <prefix>-concurrently} and {@code <prefix>-orderly} (push, up to 10 messages a
 * call, the listener iterates them), {@code <prefix>-single} (push, one a call, the listener takes
 * {@code get(0)}), {@code <prefix>-pull} (a lite pull consumer's loop). Lambdas as listeners, as applications
 * write them.
 */
public final class RocketApp {

  private static DefaultMQProducer producer;

  public static void main(String[] args) throws Exception {
    String namesrv = System.getProperty("rocketmq.namesrv");
    producer = new DefaultMQProducer("p" + Long.toHexString(System.nanoTime()));
    producer.setNamesrvAddr(namesrv);
    producer.setVipChannelEnabled(false);
    producer.start();

    String prefix = System.getProperty("rocketmq.topics");
    if (prefix != null) {
      for (String kind : new String[] {"concurrently", "orderly", "single", "pull"}) {
        createTopic(prefix + "-" + kind); // before the consumers: assigned at their start
      }
      push(namesrv, prefix + "-concurrently", 10, (MessageListenerConcurrently) (messages, context) -> {
        String batch = batchTag(messages);
        for (MessageExt message : messages) {
          run(message, batch);
        }
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
      });
      push(namesrv, prefix + "-orderly", 10, (MessageListenerOrderly) (messages, context) -> {
        String batch = batchTag(messages);
        for (MessageExt message : messages) {
          run(message, batch);
        }
        return ConsumeOrderlyStatus.SUCCESS;
      });
      push(namesrv, prefix + "-single", 1, (MessageListenerConcurrently) (messages, context) -> {
        run(messages.get(0), null);
        return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
      });
      DefaultLitePullConsumer pull = new DefaultLitePullConsumer("g-" + prefix + "-pull");
      pull.setNamesrvAddr(namesrv);
      pull.setVipChannelEnabled(false);
      pull.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
      pull.subscribe(prefix + "-pull", "*");
      pull.start();
      Thread loop = new Thread(() -> {
        while (true) {
          for (MessageExt message : pull.poll(500)) {
            run(message, null);
          }
        }
      }, "lite-pull-loop");
      loop.setDaemon(true);
      loop.start();
    }

    Probe.registerHandOff("rocket", RocketApp::send);
    Probe.registerHandOff("rocket-mixed", RocketApp::sendMixed);
    HttpServer http = ProbeHttpServer.start(4);
    Probe.ready(http.getAddress().getPort());
  }

  /** {@code createTopic(key, topic, queues)} in 4.9; 5.x added an attributes map. By reflection: one source for both. */
  private static void createTopic(String topic) throws Exception {
    // a broker that just booted registers its default topic (the key) with the name server a moment later
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        createTopicOnce(topic);
        return;
      } catch (java.lang.reflect.InvocationTargetException notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(200); // polling the broker: nothing to wait on
      }
    }
  }

  private static void createTopicOnce(String topic) throws Exception {
    for (java.lang.reflect.Method method : DefaultMQProducer.class.getMethods()) {
      if (!method.getName().equals("createTopic")) {
        continue;
      }
      Class<?>[] types = method.getParameterTypes();
      if (types.length == 3 && types[2] == int.class) {
        method.invoke(producer, "TBW102", topic, 2);
        return;
      }
      if (types.length == 4 && types[2] == int.class && types[3] == Map.class) {
        method.invoke(producer, "TBW102", topic, 2, new java.util.HashMap<String, String>());
        return;
      }
    }
    throw new IllegalStateException("no createTopic(key, topic, queues) on this rocketmq-client");
  }

  private static void push(String namesrv, String topic, int batchSize, Object listener) throws Exception {
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("g-" + topic);
    consumer.setNamesrvAddr(namesrv);
    consumer.setVipChannelEnabled(false);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.setConsumeMessageBatchMaxSize(batchSize);
    consumer.setConsumeThreadMin(1); // one consume thread: a lane left behind would show in the next call
    consumer.setConsumeThreadMax(1);
    consumer.subscribe(topic, "*");
    if (listener instanceof MessageListenerOrderly) {
      consumer.registerMessageListener((MessageListenerOrderly) listener);
    } else {
      consumer.registerMessageListener((MessageListenerConcurrently) listener);
    }
    consumer.start();
  }

  /** Which list a message came in, and how many it held: tells the test a batch really had several. */
  private static String batchTag(List<MessageExt> messages) {
    return Integer.toHexString(System.identityHashCode(messages)) + "/" + messages.size();
  }

  private static void run(MessageExt message, String batch) {
    try {
      Map<String, String> params = Probe.parse(new String(message.getBody(), StandardCharsets.UTF_8));
      if (batch != null) {
        params.put("appHeaderName", "x-batch");
        params.put("appHeader", batch);
      }
      Probe.call(params);
    } catch (Exception e) {
      System.out.println("consumer failed: " + e);
    }
  }

  private static String send(Map<String, String> params) throws Exception {
    Map<String, String> rest = new LinkedHashMap<>(params);
    rest.remove("via");
    String topic = rest.remove("topic");
    String mode = rest.remove("mode");
    String own = rest.remove("msgProperty");
    Message message = new Message(topic, Probe.query(rest).getBytes(StandardCharsets.UTF_8));
    if (own != null) {
      message.putUserProperty("env", own);
    }
    switch (mode == null ? "sync" : mode) {
      case "sync":
        producer.send(message);
        break;
      case "async": {
        CompletableFuture<SendResult> sent = new CompletableFuture<>();
        producer.send(message, new SendCallback() {
          @Override
          public void onSuccess(SendResult result) {
            sent.complete(result);
          }

          @Override
          public void onException(Throwable e) {
            sent.completeExceptionally(e);
          }
        });
        sent.get(30, TimeUnit.SECONDS);
        break;
      }
      case "oneway":
        producer.sendOneway(message);
        break;
      case "batch":
        producer.send(Collections.singletonList(message));
        break;
      default:
        throw new IllegalArgumentException("unknown mode " + mode);
    }
    return "sent " + params.get("id");
  }

  private static String sendMixed(Map<String, String> params) throws Exception {
    String[] lanes = params.get("lanes").split(",");
    List<Message> batch = new ArrayList<>();
    for (int i = 0; i < lanes.length; i++) {
      Map<String, String> rest = new LinkedHashMap<>(params);
      rest.remove("via");
      rest.remove("lanes");
      String topic = rest.remove("topic");
      rest.put("id", params.get("id") + "-" + i);
      Message message = new Message(topic, Probe.query(rest).getBytes(StandardCharsets.UTF_8));
      if (!lanes[i].equals("none")) {
        message.putUserProperty("env", lanes[i]);
      }
      batch.add(message);
    }
    producer.send(batch);
    return "sent " + lanes.length;
  }

}
