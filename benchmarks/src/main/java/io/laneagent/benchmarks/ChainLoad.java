package io.laneagent.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end load on loopback: cat(prod) → dog(prod) from the sample service jar, both with or without
 * an agent, and a Java load client in this JVM: warm-up, then {@code seconds} of requests with
 * {@code env: gray} from {@code clients} threads. Prints throughput, p50 and p99 latency and, after a
 * full GC, cat's heap and metaspace in use and the native memory it committed (NMT). Start-up is
 * {@link StartupTime}'s.
 *
 * <p>Arguments: sample jar, agent flag ("none" or a full -javaagent option), seconds, clients.
 */
public final class ChainLoad {

  private ChainLoad() {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    String agent = args[1];
    int seconds = Integer.parseInt(args[2]);
    int clients = Integer.parseInt(args[3]);
    int[] ports = freePorts(2);
    int dogPort = ports[0];
    int catPort = ports[1];
    Process dog = SampleService.start(jar, agent, "dog", dogPort, null, "--next=false");
    Process cat = SampleService.start(jar, agent, "cat", catPort, null, "--next=true", "--service.url=http://127.0.0.1:" + dogPort);
    // what dog must have seen: the lane when lane-agent forwards it, none with no agent or another agent
    String expected = (agent.contains("lane-agent") ? "header env(gray)" : "header env(null)") + ", I'm dog";
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + catPort + "/sayHello"))
        .header("env", "gray").timeout(Duration.ofSeconds(10)).build();
    try {
      awaitUp(client, request);
      run(client, request, expected, clients, Math.max(5, seconds / 2)); // warm-up, discarded
      long[] latencies = run(client, request, expected, clients, seconds);
      Arrays.sort(latencies);
      double throughput = latencies.length / (double) seconds;
      long p50 = latencies[latencies.length / 2];
      long p99 = latencies[(int) (latencies.length * 0.99)];
      String memory = memory(cat.pid());
      System.out.printf("RESULT throughput=%.1f p50_us=%d p99_us=%d %s%n", throughput, p50 / 1000, p99 / 1000, memory);
    } finally {
      cat.destroy();
      dog.destroy();
      cat.waitFor();
      dog.waitFor();
    }
  }

  private static void awaitUp(HttpClient client, HttpRequest request) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cat did not answer");
      }
      Thread.sleep(50); // polling a port that is not open yet
    }
  }

  /** Every answer must show {@code expected} (dog's view of the lane): a load run that lost the lane measures nothing. */
  private static long[] run(HttpClient client, HttpRequest request, String expected, int clients, int seconds)
      throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<long[]>> results = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      results.add(pool.submit(() -> {
        long[] samples = new long[1 << 16];
        int n = 0;
        while (System.nanoTime() < end) {
          long start = System.nanoTime();
          HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
          long took = System.nanoTime() - start;
          if (response.statusCode() != 200 || !response.body().contains(expected)) {
            throw new IllegalStateException("bad answer: " + response.body());
          }
          if (n == samples.length) {
            samples = Arrays.copyOf(samples, n * 2);
          }
          samples[n++] = took;
        }
        return Arrays.copyOf(samples, n);
      }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> result : results) {
      all.add(result.get());
    }
    pool.shutdown();
    return all.stream().flatMapToLong(Arrays::stream).toArray();
  }

  /** Heap and metaspace in use after a full GC, and the total native memory committed (NMT). */
  private static String memory(long pid) throws Exception {
    jcmd(pid, "GC.run");
    String heap = jcmd(pid, "GC.heap_info");
    String nmt = jcmd(pid, "VM.native_memory", "summary");
    return "heap_used_kb=" + first(heap, "used (\\d+)K") + " metaspace_used_kb=" + first(heap, "Metaspace\\s+used (\\d+)K")
        + " nmt_total_committed_kb=" + first(nmt, "Total: reserved=\\d+KB, committed=(\\d+)KB");
  }

  private static String jcmd(long pid, String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
    line.addAll(Arrays.asList(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return out;
  }

  private static String first(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    return matcher.find() ? matcher.group(1) : "0";
  }

  /** Distinct free ports: all are bound before any is released (one at a time, the kernel may repeat one). */
  static int[] freePorts(int count) throws IOException {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        if (socket != null) {
          socket.close();
        }
      }
    }
  }
}
