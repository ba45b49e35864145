package io.laneagent.bootstrap;

import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Which started threads may inherit their starter's lanes. An application's own threads do. Threads a
 * pool, timer, server or event loop starts for itself do not — such a thread is often started lazily,
 * inside the first request that needs it, and would otherwise keep that request's lane for its whole
 * life. JDK pools are covered by suppression while they create workers; the rest by name here.
 */
public final class ThreadStarts {

  private static final String[] FRAMEWORK_THREADS = {
      "java.util.TimerThread", "jdk.internal.", "sun.", "io.netty.", "reactor.", "org.apache.tomcat.",
      "org.apache.catalina.", "org.eclipse.jetty.", "io.undertow.", "org.xnio.", "okhttp3.", "okio.",
      "org.apache.hc.", "org.apache.http.", "io.grpc.", "org.apache.kafka."};

  private ThreadStarts() {}

  public static boolean mayCarryLanes(Thread thread) {
    // no lane anywhere yet (start-up): nothing to inherit, skip the checks below on every thread start
    if (thread == null || !LaneContext.lanesSeen() || LaneTasks.isSuppressed() || thread instanceof ForkJoinWorkerThread) {
      return false;
    }
    String name = thread.getClass().getName();
    for (String prefix : FRAMEWORK_THREADS) {
      if (name.startsWith(prefix)) {
        return false;
      }
    }
    return true;
  }
}
