package io.laneagent.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A timed loop against a real RabbitMQ node: publish {@code count} messages to a fresh queue (inside a
 * request in lane gray when the agent is attached, so every message gets the lane header, and inside no
 * request without it), then consume them all with a {@code DefaultConsumer} (auto-ack, prefetch 1,000) —
 * the delivery in which the agent makes each message's lane current. Every delivery is checked: with the
 * agent each carries {@code env: gray}, without it none does. Prints ns per message for each side, best
 * of {@code rounds}. Arguments: AMQP port, count, rounds, and optionally {@code app-header}: without the agent,
 * the application sets {@code env: gray} on every message itself — what the header costs on the wire and in
 * the broker, apart from the agent's own work.
 */
public final class RabbitPerMessage {

  private RabbitPerMessage() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    boolean agent = Lanes.agentAttached();
    boolean appHeader = args.length > 3 && args[3].equals("app-header");
    if (appHeader && agent) {
      throw new IllegalStateException("app-header is the no-agent set-up");
    }
    AMQP.BasicProperties properties = appHeader
        ? new AMQP.BasicProperties.Builder().headers(java.util.Collections.singletonMap("env", "gray")).build() : null;
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(port);
    long bestPublish = Long.MAX_VALUE;
    long bestConsume = Long.MAX_VALUE;
    try (Connection connection = factory.newConnection()) {
      for (int round = 0; round < rounds; round++) {
        Channel channel = connection.createChannel();
        String queue = channel.queueDeclare().getQueue();
        byte[] body = ("message-" + round).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        channel.confirmSelect(); // wait for the broker at the end: the whole publish is timed
        Object scope = Lanes.enter(agent);
        long start = System.nanoTime();
        try {
          for (int i = 0; i < count; i++) {
            channel.basicPublish("", queue, properties, body);
          }
          channel.waitForConfirmsOrDie(TimeUnit.MINUTES.toMillis(2));
        } finally {
          Lanes.exit(scope);
        }
        bestPublish = Math.min(bestPublish, System.nanoTime() - start);
        bestConsume = Math.min(bestConsume, consume(connection, queue, count, agent || appHeader));
        channel.close();
      }
    }
    System.out.printf("RESULT publish_ns_per_message=%.1f consume_ns_per_message=%.1f messages=%d rounds=%d lane=%s%n",
        (double) bestPublish / count, (double) bestConsume / count, count, rounds, agent ? "gray" : appHeader ? "app-header" : "none");
  }

  private static long consume(Connection connection, String queue, int count, boolean grayExpected) throws Exception {
    Channel channel = connection.createChannel();
    channel.basicQos(1000);
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger seen = new AtomicInteger();
    AtomicInteger withLane = new AtomicInteger();
    long[] start = new long[1];
    channel.basicConsume(queue, true, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (start[0] == 0) {
          start[0] = System.nanoTime(); // from the first delivery: subscribing is not per-message cost
        }
        Object lane = properties.getHeaders() == null ? null : properties.getHeaders().get("env");
        if (lane != null && "gray".equals(lane.toString())) {
          withLane.incrementAndGet();
        }
        if (seen.incrementAndGet() == count) {
          done.countDown();
        }
      }
    });
    if (!done.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException("consumed " + seen.get() + " of " + count);
    }
    long elapsed = System.nanoTime() - start[0];
    channel.close();
    if (withLane.get() != (grayExpected ? count : 0)) {
      throw new IllegalStateException(withLane.get() + " of " + count + " messages carried env: gray"
          + (grayExpected ? ": all should" : ", without the agent: none should"));
    }
    return elapsed;
  }
}
