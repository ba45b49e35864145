package io.laneagent.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference scenario (README, "The reference scenario") on one machine. Starts the five workloads (cat gray/prod, dog
 * daily/gray/prod) and the third hop bird (gray/prod, called from dog's {@code @Async} task) as JVMs
 * from the one sample service jar, each with the agent and its own lane from {@code LANE_LOCAL} (what
 * the Downward API gives a pod), puts a {@link LocalRouter} in front of each service that applies
 * istio-manifests/base, sends the four requests of the reference table, reads what each cat's
 * {@code @Scheduled} job got (no request: the pod's own lane), and prints the observed chains beside
 * the expected ones. Exit code 0 when every row matches.
 *
 * <p>{@code --no-agent} runs the same without the agent: the gray and daily rows then fail, and so does
 * cat(gray)'s scheduled job.
 */
public final class LaneDemo {

  /**
   * One row: a request of the reference table (or a scheduled job), what it should reach, what it did, and
   * the trace each hop saw ({@code traced}: a request, which the entry put in a trace; a scheduled job is in none).
   */
  record Row(String label, String expected, String observed, String answer, boolean traced) {
    /** The lanes: every hop where the reference table says. */
    boolean ok() {
      return expected.equals(observed);
    }

    /** The trace: one trace id at every hop of a request (none anywhere for a scheduled job). */
    boolean oneTrace() {
      List<String> seen = traces(answer);
      return !seen.isEmpty() && seen.stream().distinct().count() == 1 && seen.get(0).equals("none") != traced;
    }

    /** {@code one trace 4bf92f35 (3 hops)}, or what differs. */
    String trace() {
      List<String> seen = traces(answer);
      return oneTrace() ? (traced ? "one trace " + seen.get(0) + " (" + seen.size() + " hops)" : "no trace (no request)")
          : "traces " + String.join(" / ", seen);
    }
  }

  private static final String[][] WORKLOADS = {
      {"cat", "gray", "cat-svc"}, {"cat", "prod", "cat-svc"},
      {"dog", "daily", "dog-svc"}, {"dog", "gray", "dog-svc"}, {"dog", "prod", "dog-svc"},
      {"bird", "gray", "bird-svc"}, {"bird", "prod", "bird-svc"}};
  /** The reference table of the README, with the @Async hop to bird (which has no daily lane). */
  private static final String[][] TABLE = {
      {"prod", "cat(prod) -> dog(prod) -> bird(prod)"}, {"gray", "cat(gray) -> dog(gray) -> bird(gray)"},
      {"daily", "cat(prod) -> dog(daily) -> bird(prod)"}, {null, "cat(prod) -> dog(prod) -> bird(prod)"}};
  /** Each cat's @Scheduled job: no request, so the pod's own lane. */
  private static final String[][] SCHEDULED = {
      {"gray", "cat(gray) -> dog(gray) -> bird(gray)"}, {"prod", "cat(prod) -> dog(prod) -> bird(prod)"}};
  private static final Pattern HOP = Pattern.compile("I'm (\\w+)\\((\\w+)\\)");
  private static final Pattern TRACE = Pattern.compile("\\[trace (\\w+)\\]");

  private LaneDemo() {}

  public static void main(String[] args) throws Exception {
    boolean agent = !List.of(args).contains("--no-agent");
    List<Row> rows = run(Path.of("."), agent);
    System.out.println();
    System.out.printf("%-24s %-38s %-38s %-9s %s%n", "request", "expected", "observed", "status", "trace each hop saw");
    for (Row row : rows) {
      System.out.printf("%-24s %-38s %-38s %-9s %s%n", row.label(), row.expected(), row.observed(),
          row.ok() ? "OK" : "DIFFERENT", row.trace());
    }
    System.out.println();
    rows.forEach(row -> System.out.println("  " + row.answer()));
    boolean allOk = rows.stream().allMatch(row -> row.ok() && row.oneTrace());
    System.out.println(allOk ? "\nAll chains as expected." : "\nSome chains differ from the expected ones.");
    System.exit(allOk ? 0 : 1);
  }

  /** Runs the scenario from the project root {@code root}; everything it starts is stopped before it returns. */
  static List<Row> run(Path root, boolean withAgent) throws Exception {
    try (Chain chain = Chain.start(root, withAgent)) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      List<Row> rows = new ArrayList<>();
      for (String[] row : TABLE) {
        String answer = chain.sayHello(client, row[0]);
        rows.add(new Row(row[0] == null ? "(no env)" : "env: " + row[0], row[1], chain(answer), answer, true));
      }
      for (String[] row : SCHEDULED) {
        String answer = awaitScheduled(client, chain.ports.get("cat-" + row[0]));
        rows.add(new Row("@Scheduled in cat(" + row[0] + ")", row[1], chain(answer), answer, false));
      }
      return rows;
    }
  }

  /** What cat → dog → bird should answer for a request in {@code lane} (null: no header), per the reference table. */
  static String expectedChain(String lane) {
    for (String[] row : TABLE) {
      if (java.util.Objects.equals(row[0], lane)) {
        return row[1];
      }
    }
    throw new IllegalArgumentException("no reference row for " + lane);
  }

  /**
   * The seven workloads and three routers of the scenario, running: cat, dog and bird in their lanes
   * (from the sample service jar, with or without the agent), routed as istio-manifests/base says.
   */
  static final class Chain implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final List<LocalRouter> routers = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Thread cleanup = new Thread(() -> processes.forEach(Process::destroyForcibly));
    private LocalRouter catRouter;

    static Chain start(Path root, boolean withAgent) throws Exception {
      Chain chain = new Chain();
      try {
        chain.startAll(root, withAgent);
        return chain;
      } catch (Exception | Error e) {
        chain.close();
        throw e;
      }
    }

    /** The entry: cat-svc's router. */
    int entryPort() {
      return catRouter.port();
    }

    /** One request to cat's /sayHello with {@code env: lane} (none for null); the answer. */
    String sayHello(HttpClient client, String lane) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + entryPort() + "/sayHello"))
          .timeout(Duration.ofSeconds(30));
      if (lane != null) {
        request.header("env", lane);
      }
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("status " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    }

    private void startAll(Path root, boolean withAgent) throws Exception {
      Path serviceJar = root.resolve("sample-apps/lane-demo-service/target/lane-demo-service.jar");
      Path agentJar = root.resolve("agent/target/lane-agent.jar");
      for (Path jar : List.of(serviceJar, agentJar)) {
        if (!Files.isRegularFile(jar)) {
          throw new IllegalStateException(jar + " is not built: run ./demo.sh (or mvn -DskipTests install) first");
        }
      }
      IstioRouting routing = IstioRouting.load(root.resolve("istio-manifests/base"));
      Runtime.getRuntime().addShutdownHook(cleanup); // also on Ctrl-C
      Map<String, List<LocalRouter.Workload>> byService = new LinkedHashMap<>();
      LocalRouter birdRouter;
      LocalRouter dogRouter;
      // the routers bind while the workloads' ports are held, so none of them can take one either
      try (FreePorts free = FreePorts.hold(WORKLOADS.length)) {
        for (int i = 0; i < WORKLOADS.length; i++) {
          String[] workload = WORKLOADS[i];
          ports.put(workload[0] + "-" + workload[1], free.get(i));
          byService.computeIfAbsent(workload[2], s -> new ArrayList<>())
              .add(new LocalRouter.Workload(Map.of("app", workload[0], "env", workload[1]), free.get(i)));
        }
        birdRouter = LocalRouter.start("bird-svc", routing, byService.get("bird-svc"), false);
        routers.add(birdRouter);
        dogRouter = LocalRouter.start("dog-svc", routing, byService.get("dog-svc"), false);
        routers.add(dogRouter);
        catRouter = LocalRouter.start("cat-svc", routing, byService.get("cat-svc"), true);
        routers.add(catRouter);
      }
      Path logs = Files.createTempDirectory("lane-demo");
      for (String[] workload : WORKLOADS) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (withAgent) {
          command.add("-javaagent:" + agentJar.toAbsolutePath());
        }
        command.addAll(List.of("-jar", serviceJar.toAbsolutePath().toString(),
            "--spring.application.name=" + workload[0], "--env=" + workload[1],
            "--server.port=" + ports.get(workload[0] + "-" + workload[1]), "--server.address=127.0.0.1",
            "--next=" + workload[0].equals("cat"), "--service.url=http://127.0.0.1:" + dogRouter.port(),
            "--scheduled=" + workload[0].equals("cat"),
            "--async.url=" + (workload[0].equals("dog") ? "http://127.0.0.1:" + birdRouter.port() : ""),
            "--spring.main.banner-mode=off"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(logs.resolve(workload[0] + "-" + workload[1] + ".log").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("LANE_LOCAL", workload[1]); // the pod's env label, via the Downward API
        processes.add(builder.start());
      }
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      for (int port : ports.values()) {
        awaitUp(client, port, processes);
      }
      // a workload that could not bind its port exits while another process answers there: all must live
      if (processes.stream().anyMatch(p -> !p.isAlive())) {
        throw new IllegalStateException("a workload exited during start-up; its log is in " + logs);
      }
    }

    @Override
    public void close() throws InterruptedException {
      routers.forEach(LocalRouter::close);
      for (Process process : processes) {
        process.destroy();
      }
      for (Process process : processes) {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
    }
  }

  /** "header env(gray), I'm cat(gray) --> header env(gray), I'm dog(gray)" → "cat(gray) -> dog(gray)". */
  static String chain(String answer) {
    List<String> hops = new ArrayList<>();
    Matcher matcher = HOP.matcher(answer);
    while (matcher.find()) {
      hops.add(matcher.group(1) + "(" + matcher.group(2) + ")");
    }
    return hops.isEmpty() ? "(no answer: " + answer + ")" : String.join(" -> ", hops);
  }

  /** The trace ids the hops of an answer saw, in order ("none" where a hop saw none). */
  static List<String> traces(String answer) {
    List<String> traces = new ArrayList<>();
    Matcher matcher = TRACE.matcher(answer);
    while (matcher.find()) {
      traces.add(matcher.group(1));
    }
    return traces;
  }

  /** The cat's /status once its @Scheduled job has run (it runs every second). */
  private static String awaitScheduled(HttpClient client, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
        .timeout(Duration.ofSeconds(10)).build();
    while (true) {
      String answer = client.send(status, HttpResponse.BodyHandlers.ofString()).body();
      if (answer.startsWith("I'm ") || System.nanoTime() > deadline) {
        return answer;
      }
      Thread.sleep(200); // the job runs once a second
    }
  }

  private static void awaitUp(HttpClient client, int port, List<Process> processes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator-not-needed"))
        .timeout(Duration.ofSeconds(2)).build();
    while (true) {
      try {
        client.send(probe, HttpResponse.BodyHandlers.discarding());
        return; // any HTTP answer (404 here) means the service listens
      } catch (IOException notYet) {
        if (processes.stream().anyMatch(p -> !p.isAlive())) {
          throw new IllegalStateException("a workload exited during start-up");
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("workload on port " + port + " did not start");
        }
        Thread.sleep(200); // polling a port that is not open yet
      }
    }
  }
}
