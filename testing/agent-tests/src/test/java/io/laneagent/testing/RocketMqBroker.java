package io.laneagent.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real RocketMQ name server and broker, started from the RocketMQ server artifacts on Maven Central
 * (testing/apps/rocketmq-broker), each in its own JVM: no Docker here. One pair per test class; their
 * data lives in a temporary directory removed on close. Small commit-log files: the defaults map 1 GiB.
 */
final class RocketMqBroker implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Path dir;
  private final int namesrvPort;
  private Process namesrv;
  private Process broker;

  private RocketMqBroker(Path dir, int namesrvPort) {
    this.dir = dir;
    this.namesrvPort = namesrvPort;
  }

  static RocketMqBroker start() throws Exception {
    Path dir = Files.createTempDirectory("lane-test-rocketmq");
    RocketMqBroker started = new RocketMqBroker(dir, LoopbackPorts.distinct(1)[0]);
    try {
      started.startBoth();
    } catch (Exception | Error e) {
      started.close();
      throw e;
    }
    return started;
  }

  String namesrvAddress() {
    return "127.0.0.1:" + namesrvPort;
  }

  private void startBoth() throws Exception {
    Files.writeString(dir.resolve("namesrv.properties"), "listenPort=" + namesrvPort + "\n");
    namesrv = java("org.apache.rocketmq.namesrv.NamesrvStartup", "namesrv", "-c", dir.resolve("namesrv.properties").toString());
    await(namesrv, "namesrv", "boot success");
    int port = brokerPort();
    Files.writeString(dir.resolve("broker.properties"), String.join("\n",
        "brokerClusterName=LaneTestCluster",
        "brokerName=lane-test",
        "brokerId=0",
        "namesrvAddr=" + namesrvAddress(),
        "brokerIP1=127.0.0.1",
        "listenPort=" + port,
        "storePathRootDir=" + dir.resolve("store"),
        "storePathCommitLog=" + dir.resolve("store").resolve("commitlog"),
        "autoCreateTopicEnable=true",
        "mappedFileSizeCommitLog=67108864",
        "mappedFileSizeConsumeQueue=600000",
        "flushDiskType=ASYNC_FLUSH",
        ""));
    broker = java("org.apache.rocketmq.broker.BrokerStartup", "broker", "-c", dir.resolve("broker.properties").toString());
    await(broker, "broker", "boot success");
  }

  private Process java(String main, String name, String... args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-Duser.home=" + dir, "-Drocketmq.client.logUseSlf4j=true",
        "-cp", TestApp.ROCKETMQ_BROKER.classPath(), main));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().put("ROCKETMQ_HOME", dir.toString());
    return builder.start();
  }

  private void await(Process process, String name, String line) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Path log = dir.resolve(name + ".log");
    while (true) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (text.contains(line)) {
        return;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("the RocketMQ " + name + " did not start within " + START_TIMEOUT + ":\n" + text);
      }
      Thread.sleep(100); // polling a log file: nothing to wait on
    }
  }

  /** The broker listens on its port, the port - 2 (its "fast" channel) and the port + 1 (HA): all free. */
  private static int brokerPort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20000, 60000);
      if (free(port) && free(port - 2) && free(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port for the RocketMQ broker");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  @Override
  public void close() {
    BrokerProcesses.stop(broker);
    BrokerProcesses.stop(namesrv);
    BrokerProcesses.deleteTree(dir);
  }
}
