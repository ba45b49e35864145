package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Registers the agent's MBean ({@code io.laneagent:type=LaneAgent}) from a daemon thread, never in
 * premain: the platform MBeanServer initialises {@code java.util.logging}, and an agent that creates it
 * first breaks servers that install their own log manager (JBoss, WildFly) or MBeanServer builder. So the
 * MBean goes into the platform MBeanServer as soon as someone else created it (the JMX agent that
 * {@code jconsole}, {@code jcmd ManagementAgent.start} or {@code -Dcom.sun.management.jmxremote} start,
 * the application, its server), and otherwise {@link #FALLBACK_MILLIS} after start, when such servers
 * have set up their logging long since. {@code lane.jmx=false} turns it off.
 */
final class JmxRegistration {

  static final String OBJECT_NAME = "io.laneagent:type=LaneAgent";
  static final long FALLBACK_MILLIS = 10_000;
  private static final long POLL_MILLIS = 250;

  private JmxRegistration() {}

  static void registerLater(final LaneAgentMXBean status) {
    Thread thread = new Thread(new Runnable() {
      @Override
      public void run() {
        try {
          long deadline = System.nanoTime() + FALLBACK_MILLIS * 1_000_000L;
          while (System.nanoTime() - deadline < 0 && !platformServerExists()) {
            Thread.sleep(POLL_MILLIS);
          }
          ManagementFactory.getPlatformMBeanServer().registerMBean(status, new ObjectName(OBJECT_NAME));
          LaneLog.debug("registered the MBean " + OBJECT_NAME);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Throwable e) {
          LaneLog.warn("could not register the MBean " + OBJECT_NAME + "; the agent works on without it", e);
        }
      }
    }, "lane-agent-jmx");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Whether the platform MBeanServer (or any) exists, without creating it. Java 8's JMX classes set up a
   * {@code java.util.logging} logger when they load, so there the answer is "no" until the fallback.
   */
  private static boolean platformServerExists() {
    return !System.getProperty("java.specification.version").startsWith("1.")
        && !MBeanServerFactory.findMBeanServer(null).isEmpty();
  }
}
