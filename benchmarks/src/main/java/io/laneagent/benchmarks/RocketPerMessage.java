package io.laneagent.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

/**
 * A timed loop against a real RocketMQ name server and broker: send {@code count} messages synchronously
 * to a fresh topic (inside a request in lane gray when the agent is attached, inside none without it),
 * then consume them all with a concurrently push consumer (up to 32 messages a listener call, iterated) —
 * where the agent switches lanes per message. Every message is checked: with the agent each carries
 * {@code env: gray}, without it none does. Prints ns per message for each side, best of {@code rounds}.
 * Arguments: name server address, count, rounds.
 */
public final class RocketPerMessage {

  private RocketPerMessage() {}

  public static void main(String[] args) throws Exception {
    String namesrv = args[0];
    int count = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    boolean agent = Lanes.agentAttached();
    DefaultMQProducer producer = new DefaultMQProducer("bench-" + System.nanoTime());
    producer.setNamesrvAddr(namesrv);
    producer.start();
    long bestSend = Long.MAX_VALUE;
    long bestConsume = Long.MAX_VALUE;
    try {
      for (int round = 0; round < rounds; round++) {
        String topic = "perf-" + Long.toHexString(System.nanoTime());
        createTopic(producer, topic);
        byte[] body = ("message-" + round).getBytes(StandardCharsets.UTF_8);
        producer.send(new Message(topic, body)); // route lookup outside the timed part (consumed, not counted)
        Object scope = Lanes.enter(agent);
        long start = System.nanoTime();
        try {
          for (int i = 0; i < count; i++) {
            producer.send(new Message(topic, body));
          }
        } finally {
          Lanes.exit(scope);
        }
        bestSend = Math.min(bestSend, System.nanoTime() - start);
        bestConsume = Math.min(bestConsume, consume(namesrv, topic, count + 1, agent));
      }
    } finally {
      producer.shutdown();
    }
    System.out.printf("RESULT publish_ns_per_message=%.1f consume_ns_per_message=%.1f messages=%d rounds=%d lane=%s%n",
        (double) bestSend / count, (double) bestConsume / count, count, rounds, agent ? "gray" : "none");
  }

  private static void createTopic(DefaultMQProducer producer, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        producer.createTopic("TBW102", topic, 4, new HashMap<>());
        return;
      } catch (Exception notYet) {
        if (System.nanoTime() > deadline) {
          throw notYet;
        }
        Thread.sleep(200); // polling the broker: nothing to wait on
      }
    }
  }

  private static long consume(String namesrv, String topic, int expected, boolean agent) throws Exception {
    DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("g-" + topic);
    consumer.setNamesrvAddr(namesrv);
    consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
    consumer.setConsumeMessageBatchMaxSize(32);
    consumer.setPullBatchSize(64);
    consumer.subscribe(topic, "*");
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger seen = new AtomicInteger();
    AtomicInteger withLane = new AtomicInteger();
    long[] start = new long[1];
    consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
      synchronized (start) {
        if (start[0] == 0) {
          start[0] = System.nanoTime(); // from the first call: subscribing is not per-message cost
        }
      }
      for (MessageExt message : messages) {
        if ("gray".equals(message.getUserProperty("env"))) {
          withLane.incrementAndGet();
        }
        if (seen.incrementAndGet() == expected) {
          done.countDown();
        }
      }
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    });
    consumer.start();
    try {
      if (!done.await(3, TimeUnit.MINUTES)) {
        throw new IllegalStateException("consumed " + seen.get() + " of " + expected);
      }
      long elapsed = System.nanoTime() - start[0];
      // the untimed first message has no lane either way
      if (withLane.get() != (agent ? expected - 1 : 0)) {
        throw new IllegalStateException(withLane.get() + " of " + (expected - 1) + " messages carried env: gray"
            + (agent ? ", with the agent attached: all should" : ", without the agent: none should"));
      }
      return elapsed;
    } finally {
      consumer.shutdown();
    }
  }
}
