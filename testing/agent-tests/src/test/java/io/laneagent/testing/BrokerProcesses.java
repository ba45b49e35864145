package io.laneagent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the broker fixtures (Kafka, RabbitMQ, RocketMQ) share: stopping a server process, removing its data. */
final class BrokerProcesses {

  private BrokerProcesses() {}

  /** Asks the process to stop (SIGTERM), and kills it if it has not within 20 s. Null is a no-op. */
  static void stop(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Removes a fixture's temporary directory; one left behind is harmless. */
  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
