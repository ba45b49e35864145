package io.laneagent.bootstrap;

/**
 * Whether another Java agent in this JVM writes the trace context itself: the OpenTelemetry Java agent
 * injects {@code traceparent} (and {@code baggage}) into the same clients the agent instruments. Its
 * advice and ours meet in one method in an order set by which agent was attached first, so the
 * trace-context group rule ("the request already has one: ours steps aside") would see its header only
 * in one of the two orders; with such an agent present, the agent leaves the trace context to it in
 * both (lanes, {@code x-request-id} and baggage merging go on).
 *
 * <p>Decided once, at the first outbound call: by then every {@code -javaagent} has run its premain and
 * put its bootstrap classes in place.
 */
final class TracingAgents {

  /**
   * Built at run time on purpose: the agent jar's build relocates "io.opentelemetry" in string constants
   * to our shaded package (see TaskWrappers).
   */
  private static final String OTEL_AGENT_BOOTSTRAP =
      String.join(".", "io", "opentelemetry", "javaagent", "bootstrap", "AgentInitializer");

  private static volatile Boolean present;

  private TracingAgents() {}

  /** True when a tracing agent that writes the trace context runs in this JVM. */
  static boolean writeTraceContext() {
    Boolean known = present;
    if (known == null) {
      known = isLoadable(OTEL_AGENT_BOOTSTRAP);
      present = known;
      if (known) {
        LaneLog.info("the OpenTelemetry Java agent writes the trace context in this JVM: lane-agent forwards no "
            + "trace-context headers of its own (lanes and x-request-id it still does)");
      }
    }
    return known;
  }

  private static boolean isLoadable(String className) {
    try {
      Class.forName(className, false, null);
      return true;
    } catch (Throwable absent) {
      return false;
    }
  }
}
