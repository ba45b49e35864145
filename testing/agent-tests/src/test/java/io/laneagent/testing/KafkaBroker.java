package io.laneagent.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker in KRaft mode (combined broker and controller), started from the Kafka server
 * artifacts on Maven Central (testing/apps/kafka-broker) in its own JVM: there is no Docker here. One per
 * test class; its data lives in a temporary directory removed on close.
 */
final class KafkaBroker implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final Process process;

  private KafkaBroker(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  static KafkaBroker start() throws Exception {
    Path dir = Files.createTempDirectory("lane-test-kafka");
    int[] ports = LoopbackPorts.distinct(2);
    int port = ports[0];
    int controllerPort = ports[1];
    Path config = dir.resolve("server.properties");
    Files.writeString(config, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "num.partitions=1",
        "auto.create.topics.enable=true",
        ""));
    String classPath = TestApp.KAFKA_BROKER.classPath();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process format = new ProcessBuilder(java.toString(), "-cp", classPath, "kafka.tools.StorageTool", "format",
        "-t", UUID.randomUUID().toString().replace("-", "").substring(0, 22), "-c", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      throw new IllegalStateException("formatting the Kafka storage failed:\n" + Files.readString(dir.resolve("format.log")));
    }
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", classPath, "kafka.Kafka", config.toString()));
    Process broker = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("broker.log").toFile()).start();
    KafkaBroker started = new KafkaBroker(dir, port, broker);
    started.awaitListening();
    return started;
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited:\n" + Files.readString(dir.resolve("broker.log")));
      }
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        if (System.nanoTime() > deadline) {
          close();
          throw new IllegalStateException("the Kafka broker did not listen within " + START_TIMEOUT);
        }
        Thread.sleep(100); // polling a port: nothing to wait on
      }
    }
  }

  @Override
  public void close() {
    BrokerProcesses.stop(process);
    BrokerProcesses.deleteTree(dir);
  }
}
