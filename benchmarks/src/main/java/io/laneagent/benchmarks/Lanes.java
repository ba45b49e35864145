package io.laneagent.benchmarks;

import java.lang.reflect.Method;

/**
 * Puts the benchmark thread "inside a request in lane gray", the way the agent's inbound advice would,
 * by calling the agent's bootstrap API reflectively, so one benchmark class measures all three set-ups:
 * no agent (asked for no lane), agent without a lane, agent with a lane. Asking for a lane without the
 * agent fails: a "with a lane" result must never silently be one without.
 */
final class Lanes {

  private Lanes() {}

  /** Whether lane-agent is attached to this JVM (its core is on the bootstrap class path). */
  static boolean agentAttached() {
    try {
      Class.forName("io.laneagent.bootstrap.LaneContext", false, null);
      return true;
    } catch (ClassNotFoundException noAgent) {
      return false;
    }
  }

  /** Returns the scope to close, or null when no lane is wanted; a lane without the agent is an error. */
  static Object enter(boolean withLane) {
    if (!withLane) {
      return null;
    }
    if (!agentAttached()) {
      throw new IllegalStateException("a set-up with a lane, but lane-agent is not attached to this JVM");
    }
    try {
      Class<?> lanes = Class.forName("io.laneagent.bootstrap.Lanes", true, null);
      Object gray = lanes.getMethod("of", String[].class).invoke(null, (Object) new String[] {"gray"});
      Class<?> context = Class.forName("io.laneagent.bootstrap.LaneContext", true, null);
      return context.getMethod("enterInbound", lanes).invoke(null, gray);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static void exit(Object token) {
    if (token == null) {
      return;
    }
    try {
      Class<?> context = Class.forName("io.laneagent.bootstrap.LaneContext", true, null);
      Method exit = context.getMethod("exitInbound", Object.class);
      exit.invoke(null, token);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
