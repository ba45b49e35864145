package io.laneagent.benchmarks;

import java.lang.reflect.Method;

/**
 * Puts the benchmark thread "inside a request in lane gray", the way the agent's inbound advice would,
 * by calling the agent's bootstrap API reflectively. Without the agent this does nothing, so one
 * benchmark class measures all three set-ups: no agent, agent without a lane, agent with a lane.
 */
final class Lanes {

  private Lanes() {}

  /** Returns the scope to close, or null when there is no agent or no lane is wanted. */
  static Object enter(boolean withLane) {
    if (!withLane) {
      return null;
    }
    try {
      Class<?> lanes = Class.forName("io.laneagent.bootstrap.Lanes", true, null);
      Object gray = lanes.getMethod("of", String[].class).invoke(null, (Object) new String[] {"gray"});
      Class<?> context = Class.forName("io.laneagent.bootstrap.LaneContext", true, null);
      return context.getMethod("enterInbound", lanes).invoke(null, gray);
    } catch (ClassNotFoundException noAgent) {
      return null;
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
