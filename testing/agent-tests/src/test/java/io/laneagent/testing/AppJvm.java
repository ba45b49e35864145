package io.laneagent.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.time.Duration;

/**
 * A test application in its own JVM, started with {@code -javaagent:<the built lane-agent.jar>}
 * (unless told not to). It waits for the app's ready line, keeps everything the JVM prints, and kills
 * the JVM on {@link #close()}.
 */
public final class AppJvm implements AutoCloseable {

  /** Every instrumentation the agent jar brings, in the order its INFO line lists them. */
  public static final String ALL_INSTRUMENTATIONS =
      "servlet, jdk-httpserver, http-url-connection, jdk-httpclient, okhttp, apache-httpclient-4, "
          + "apache-httpclient-5, feign, spring-web-clients, spring-webflux, executors, kafka, reactor, reactor-netty, logback, log4j2, grpc, rabbitmq, rocketmq";

  private static final Pattern READY = Pattern.compile("LANE-TEST-APP READY port=(\\d+)(?: java=(\\S+))?");
  /**
   * The JDK the suite's default runs are claimed for (README: "the test suite runs the applications on JDK
   * 17 and on JDK 25"): an app started on the default JDK must report it, or the test fails.
   */
  static final int DEFAULT_JDK = 17;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile int port = -1;
  private volatile String javaVersion;
  private final String description;
  private final Integer expectedJdk;

  private AppJvm(List<String> command, Map<String, String> environment, String description, Integer expectedJdk)
      throws IOException {
    this.description = description;
    this.expectedJdk = expectedJdk;
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    // An outer LANE_* or JAVA_TOOL_OPTIONS must not change what a test sees.
    builder.environment().keySet().removeIf(name -> name.startsWith("LANE_") || name.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().putAll(environment);
    process = builder.start();
    Thread reader = new Thread(this::readOutput, "output of " + description);
    reader.setDaemon(true);
    reader.start();
  }

  public static Builder of(TestApp app) {
    return new Builder(app.toString(), List.of("-cp", app.classPath(), app.mainClass()));
  }

  /** {@code app} from its packaged jar rather than its classes directory (see TestApp.packagedClassPath). */
  public static Builder ofPackaged(TestApp app) {
    return new Builder(app + " (packaged)", List.of("-cp", app.packagedClassPath(), app.mainClass()));
  }

  /** {@code app} with {@code extra} in front of its class path. */
  public static Builder of(TestApp app, Path extra) {
    String classPath = extra.toAbsolutePath() + java.io.File.pathSeparator + app.classPath();
    return new Builder(app + " +" + extra.getFileName(), List.of("-cp", classPath, app.mainClass()));
  }

  /** An executable jar ({@code java -jar}), such as a Spring Boot fat jar, with its arguments. */
  public static Builder ofJar(Path jar, String... args) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the app jar " + jar + " is not built (run mvn verify from the root)");
    }
    List<String> launch = new ArrayList<>(List.of("-jar", jar.toString()));
    launch.addAll(List.of(args));
    return new Builder(jar.getFileName().toString(), launch);
  }

  /** The built agent jar; the build passes its path, a missing jar fails the test. */
  public static Path agentJar() {
    Path jar = Paths.get(System.getProperty("lane.agent.jar", "../../agent/target/lane-agent.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("the agent jar " + jar + " is not built (run mvn verify from the root)");
    }
    return jar;
  }

  /** The JDK 25 to prove the agent on (property lane.test.jdk25); a missing one fails the test. */
  public static Path jdk25() {
    Path home = Paths.get(System.getProperty("lane.test.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    if (!Files.isExecutable(home.resolve("bin/java"))) {
      throw new IllegalStateException("no JDK 25 at " + home + ": install one or pass -Dlane.test.jdk25=<its home>");
    }
    return home;
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll(); // awaitOutput
        }
        Matcher matcher = READY.matcher(line);
        if (matcher.find()) {
          javaVersion = matcher.group(2);
          port = Integer.parseInt(matcher.group(1));
          ready.countDown();
        }
      }
    } catch (IOException ignored) {
      // process ended
    }
  }

  private AppJvm awaitReady() {
    try {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      while (!ready.await(100, TimeUnit.MILLISECONDS)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(description + " exited with " + process.exitValue() + " before it was ready:\n" + output());
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(description + " not ready after " + START_TIMEOUT + ":\n" + output()
              + "\n--- its threads:\n" + threadDump());
        }
      }
      if (expectedJdk != null && (javaVersion == null || !javaVersion.matches(expectedJdk + "(\\D.*)?"))) {
        throw new IllegalStateException(description + " runs on Java " + javaVersion + ", not on JDK " + expectedJdk
            + " as the suite claims (pass -Dlane.test.jdk=<a JDK " + expectedJdk + " home>)");
      }
      return this;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The app's thread stacks ({@code jcmd <pid> Thread.print}), for a start that hangs. */
  String threadDump() {
    try {
      Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
      Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
          .redirectErrorStream(true).start();
      String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      dump.waitFor(20, TimeUnit.SECONDS);
      return text;
    } catch (Exception e) {
      return "(no thread dump: " + e + ")";
    }
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  /** The {@code java.version} the app reported when it was ready. */
  public String javaVersion() {
    return javaVersion;
  }

  /** GET on the app with the given raw header lines. */
  public RawHttp.Response get(String target, String... headerLines) {
    return RawHttp.get(port, target, headerLines);
  }

  /** Everything the JVM printed so far (stdout and stderr). */
  public String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /**
   * Waits until {@code condition} holds for everything the JVM printed so far, re-checking at each new
   * line; fails with the output after {@code timeout}.
   */
  public void awaitOutput(Duration timeout, String what, java.util.function.Predicate<String> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lines) {
      while (!condition.test(String.join("\n", lines))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out after " + timeout + " waiting for " + what + " in " + this + ":\n"
              + String.join("\n", lines));
        }
        try {
          lines.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what);
        }
      }
    }
  }

  /** The agent's own log lines so far. */
  public List<String> agentLines() {
    synchronized (lines) {
      return lines.stream().filter(line -> line.startsWith("[lane-agent]")).collect(Collectors.toList());
    }
  }

  /**
   * Ends the app the way it ends itself — its standard input closes — so that the JVM's exit work runs (a
   * class-data archive is written at exit), and waits for that; the exit code.
   */
  public int exit(Duration timeout) {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(description + " did not exit within " + timeout + " after its input closed:\n"
            + output());
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      close();
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** How to start the app. */
  public static final class Builder {
    private final String name;
    private final List<String> launch;
    private boolean agent = true;
    private String agentArgs;
    /** -Dlane.test.jdk=<java home> runs every app on that JDK; the default is the JDK running the tests. */
    private Path javaHome = Paths.get(System.getProperty("lane.test.jdk", System.getProperty("java.home")));
    /**
     * The feature release the app must report: JDK 17 for default runs, JDK 25 for {@link #jdk25()} runs;
     * none when -Dlane.test.jdk chose another JDK on purpose.
     */
    private Integer expectedJdk = System.getProperty("lane.test.jdk") == null ? Integer.valueOf(DEFAULT_JDK) : null;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> agentsBefore = new ArrayList<>();
    private final List<String> agentsAfter = new ArrayList<>();
    private final List<String> appArgs = new ArrayList<>();

    private Builder(String name, List<String> launch) {
      this.name = name;
      this.launch = launch;
    }

    public Builder withoutAgent() {
      this.agent = false;
      return this;
    }

    public Builder agentArgs(String args) {
      this.agentArgs = args;
      return this;
    }

    public Builder systemProperty(String name, String value) {
      systemProperties.put(name, value);
      return this;
    }

    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** Another agent ({@code -javaagent:…} option), attached before ours. */
    public Builder agentBefore(String javaagentOption) {
      agentsBefore.add(javaagentOption);
      return this;
    }

    /** Another agent ({@code -javaagent:…} option), attached after ours. */
    public Builder agentAfter(String javaagentOption) {
      agentsAfter.add(javaagentOption);
      return this;
    }

    public Builder jvmArg(String arg) {
      jvmArgs.add(arg);
      return this;
    }

    /** Arguments for the application's main method. */
    public Builder args(String... args) {
      appArgs.addAll(List.of(args));
      return this;
    }

    public Builder javaHome(Path home) {
      this.javaHome = home;
      this.expectedJdk = home.equals(jdk25()) ? Integer.valueOf(25) : null;
      return this;
    }

    public AppJvm start() {
      try {
        return new AppJvm(command(), environment, description(), expectedJdk).awaitReady();
      } catch (IOException e) {
        throw new IllegalStateException("could not start " + description(), e);
      }
    }

    /** Starts the JVM without waiting for the app to be ready: for one that exits on its own ({@link #exit}). */
    public AppJvm startToExit() {
      try {
        return new AppJvm(command(), environment, description(), expectedJdk);
      } catch (IOException e) {
        throw new IllegalStateException("could not start " + description(), e);
      }
    }

    private String description() {
      return name + (agent ? " with agent" : " without agent") + " on " + javaHome.getFileName();
    }

    private List<String> command() {
      List<String> command = new ArrayList<>();
      command.add(javaHome.resolve("bin/java").toString());
      // small, quick JVMs: the apps do little, the suite starts many
      command.add("-Xmx192m");
      command.add("-XX:TieredStopAtLevel=1");
      command.add("-XX:+UseSerialGC");
      command.addAll(agentsBefore);
      if (agent) {
        command.add("-javaagent:" + agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
      }
      command.addAll(agentsAfter);
      command.addAll(jvmArgs);
      systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
      command.addAll(launch);
      command.addAll(appArgs);
      return command;
    }
  }
}
