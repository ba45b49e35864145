package io.laneagent.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts the sample service (sample-apps/lane-demo-service) in its own JVM, as the benchmarks run it. */
final class SampleService {

  private SampleService() {}

  /**
   * {@code agent}: "none" or the JVM options of an agent, space-separated. Output goes to a temporary
   * file (returned through {@code log[0]} when given). Logging is WARN except the application's own
   * logger, which reports "Started … (process running for …)".
   */
  static Process start(Path jar, String agent, String name, int port, Path[] log, String... extra) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:NativeMemoryTracking=summary"));
    if (!agent.equals("none")) {
      command.addAll(Arrays.asList(agent.split(" ")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--spring.application.name=" + name, "--env=prod",
        "--server.port=" + port, "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
        "--logging.level.root=WARN", "--logging.level.io.laneagent.sample=INFO"));
    command.addAll(Arrays.asList(extra));
    Path output = Files.createTempFile("sample-" + name, ".log");
    if (log != null) {
      log[0] = output;
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("LANE_LOCAL", "prod");
    return builder.start();
  }
}
