package io.laneagent.bootstrap;

import java.lang.reflect.Method;

/**
 * Other agents' task wrappers, seen through. The OpenTelemetry agent wraps lambda tasks in
 * {@code ContextPropagatingRunnable}, the TTL agent wraps tasks in {@code TtlRunnable}; depending on the
 * order the agents' advice runs in, we remember the application's task at the hand-off while the pool
 * queues and runs the wrapper. Both wrappers have a public {@code unwrap()}: the hand-off's lanes are
 * then found under the task inside.
 *
 * <p>Only these known wrappers are unwrapped: calling {@code unwrap()} on an application's class could
 * do anything.
 */
final class TaskWrappers {

  /**
   * Built at run time on purpose: the agent jar's build relocates "io.opentelemetry" in string
   * constants to our shaded package, which would turn this into a name no class has.
   */
  private static final String OTEL_RUNNABLE =
      String.join(".", "io", "opentelemetry", "javaagent", "bootstrap", "executors", "ContextPropagatingRunnable");
  private static final String TTL_WRAPPER = "com.alibaba.ttl.spi.TtlWrapper";

  private static final ClassValue<Method> UNWRAP = new ClassValue<Method>() {
    @Override
    protected Method computeValue(Class<?> type) {
      try {
        if (type.getName().equals(OTEL_RUNNABLE) || implementsNamed(type, TTL_WRAPPER)) {
          return type.getMethod("unwrap");
        }
      } catch (Throwable e) {
        // not the shape we know: no unwrapping
      }
      return null;
    }
  };

  private TaskWrappers() {}

  /** The task {@code task} wraps, if it is a known wrapper; else null. Never throws. */
  static Object unwrap(Object task) {
    try {
      Method unwrap = UNWRAP.get(task.getClass());
      return unwrap == null ? null : unwrap.invoke(task);
    } catch (Throwable e) {
      if (LaneLog.isDebug()) {
        LaneLog.debug("could not unwrap " + task.getClass().getName() + ": " + e);
      }
      return null;
    }
  }

  private static boolean implementsNamed(Class<?> type, String interfaceName) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals(interfaceName) || implementsNamed(i, interfaceName)) {
          return true;
        }
      }
    }
    return false;
  }
}
