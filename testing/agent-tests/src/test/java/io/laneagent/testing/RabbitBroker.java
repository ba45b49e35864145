package io.laneagent.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real RabbitMQ node from Debian's {@code rabbitmq-server} package, of its own: free AMQP, distribution
 * and epmd ports, its own node name and data directory (a temporary directory removed on close), never the
 * system service. One per test class. A machine without the package gets it installed here (as
 * {@code .ci/run} does) when it can run {@code apt-get}; otherwise the test fails and says so.
 */
final class RabbitBroker implements AutoCloseable {

  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final int epmdPort;
  private final Process process;

  private RabbitBroker(Path dir, int port, int epmdPort, Process process) {
    this.dir = dir;
    this.port = port;
    this.epmdPort = epmdPort;
    this.process = process;
  }

  /**
   * A node on free ports. A port found free can be taken by another process before the node binds it
   * ({@code eaddrinuse}): then new ports, up to three tries.
   */
  static RabbitBroker start() throws Exception {
    installIfMissing();
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce();
      } catch (IllegalStateException e) {
        if (attempt == 3 || !String.valueOf(e.getMessage()).contains("eaddrinuse")) {
          throw e;
        }
      }
    }
  }

  private static RabbitBroker startOnce() throws Exception {
    Path dir = Files.createTempDirectory("lane-test-rabbitmq");
    int[] ports = LoopbackPorts.distinct(3);
    int port = ports[0];
    int epmdPort = ports[1];
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("RABBITMQ_NODENAME", "lanetest" + port + "@localhost");
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", String.valueOf(port));
    env.put("RABBITMQ_DIST_PORT", String.valueOf(ports[2]));
    env.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_PID_FILE", dir.resolve("rabbitmq.pid").toString());
    RabbitBroker broker = new RabbitBroker(dir, port, epmdPort, builder.start());
    broker.awaitStarted();
    return broker;
  }

  int port() {
    return port;
  }

  private static void installIfMissing() throws Exception {
    if (Files.isExecutable(SERVER)) {
      return;
    }
    Process install = new ProcessBuilder("sh", "-c",
        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server")
        .redirectErrorStream(true).start();
    String output = new String(install.getInputStream().readAllBytes());
    if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0 || !Files.isExecutable(SERVER)) {
      throw new IllegalStateException("the RabbitMQ tests need Debian's rabbitmq-server package ("
          + SERVER + "); installing it failed:\n" + output);
    }
  }

  /** The node logs "Starting broker... completed" once it accepts connections. */
  private void awaitStarted() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Path log = dir.resolve("server.log");
    while (true) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (text.contains("Starting broker... completed")) {
        return;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String what = process.isAlive() ? "did not start within " + START_TIMEOUT : "exited before it started";
        close();
        throw new IllegalStateException("the RabbitMQ node " + what + ":\n" + text);
      }
      Thread.sleep(100); // polling a log file: nothing to wait on
    }
  }

  @Override
  public void close() {
    // the script runs the Erlang VM as a child; stop the whole tree, then this node's own epmd
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      process.onExit().get(20, TimeUnit.SECONDS);
    } catch (Exception stillRunning) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
    // epmd refuses to stop while the node is still registered ("still nodes alive"): retry for a while
    try {
      for (int attempt = 0; attempt < 50; attempt++) {
        Process kill = new ProcessBuilder("epmd", "-port", String.valueOf(epmdPort), "-kill").redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes()).toLowerCase(java.util.Locale.ROOT);
        kill.waitFor(10, TimeUnit.SECONDS);
        if (said.contains("killed") || said.contains("not running") || said.contains("cannot connect")) {
          break;
        }
        Thread.sleep(100); // polling epmd: nothing to wait on
      }
    } catch (Exception ignored) {
      // an epmd left on a free port is harmless
    }
    BrokerProcesses.deleteTree(dir);
  }
}
