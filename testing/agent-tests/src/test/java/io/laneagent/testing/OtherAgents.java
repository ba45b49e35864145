package io.laneagent.testing;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The agents users run beside ours, as released on Maven Central (the build copies them to target/other-agents). */
final class OtherAgents {

  private OtherAgents() {}

  private static Path dir() {
    return Paths.get(System.getProperty("lane.test.other-agents", "target/other-agents"));
  }

  /**
   * {@code builder} with the OpenTelemetry Java agent attached before or after ours: exporters off,
   * propagators {@code tracecontext,baggage}.
   */
  static AppJvm.Builder withOpenTelemetry(AppJvm.Builder builder, boolean before) {
    String option = "-javaagent:" + dir().resolve("opentelemetry-javaagent-" + System.getProperty("lane.test.otel.version") + ".jar");
    builder.systemProperty("otel.traces.exporter", "none").systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.logs.exporter", "none").systemProperty("otel.propagators", "tracecontext,baggage");
    return before ? builder.agentBefore(option) : builder.agentAfter(option);
  }

  /** {@code builder} with the TTL agent attached before or after ours. */
  static AppJvm.Builder withTtl(AppJvm.Builder builder, boolean before) {
    String option = "-javaagent:" + dir().resolve("transmittable-thread-local-" + System.getProperty("lane.test.ttl.version") + ".jar");
    return before ? builder.agentBefore(option) : builder.agentAfter(option);
  }
}
