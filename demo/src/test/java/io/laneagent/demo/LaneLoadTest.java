package io.laneagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Load through the reference chain (cat → dog over Feign → bird over @Async, seven workloads with the
 * real agent, routed as the manifests say): 200 concurrent clients for 60 s, each request in a random
 * lane (gray, daily, prod, none). Every answer must show the chain its lane should take; no request may
 * fail. {@code -Dlane.load.clients} and {@code -Dlane.load.seconds} change the shape.
 */
class LaneLoadTest {

  private static final String[] LANES = {"gray", "daily", "prod", null};

  @Test
  void twoHundredClientsWithMixedLanesNeverGetTheWrongLane() throws Exception {
    int clients = Integer.getInteger("lane.load.clients", 200);
    int seconds = Integer.getInteger("lane.load.seconds", 60);
    AtomicLong ok = new AtomicLong();
    AtomicLong wrongLane = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    ConcurrentLinkedQueue<String> examples = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
    try (LaneDemo.Chain chain = LaneDemo.Chain.start(Path.of(".").toAbsolutePath().normalize(), true)) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Thread thread = new Thread(() -> {
          List<Long> mine = new ArrayList<>();
          while (System.nanoTime() < end) {
            String lane = LANES[ThreadLocalRandom.current().nextInt(LANES.length)];
            long start = System.nanoTime();
            try {
              String answer = chain.sayHello(http, lane);
              mine.add(System.nanoTime() - start);
              if (LaneDemo.chain(answer).equals(LaneDemo.expectedChain(lane))) {
                ok.incrementAndGet();
              } else {
                wrongLane.incrementAndGet();
                if (examples.size() < 5) {
                  examples.add("env " + lane + ": " + answer);
                }
              }
            } catch (Exception e) {
              errors.incrementAndGet();
              if (examples.size() < 5) {
                examples.add("env " + lane + ": " + e);
              }
            }
          }
          latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
        }, "load-client-" + i);
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    long total = ok.get() + wrongLane.get() + errors.get();
    System.out.printf("LOAD: %d clients, %d s: %d requests (%.0f/s), %d wrong lane, %d errors, "
            + "latency p50 %.1f ms, p99 %.1f ms%n", clients, seconds, total, total / (double) seconds, wrongLane.get(),
        errors.get(), percentile(all, 0.50), percentile(all, 0.99));
    assertThat(examples).as("wrong lanes and errors").isEmpty();
    assertThat(ok.get()).as("requests that completed").isGreaterThan(clients);
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
  }
}
