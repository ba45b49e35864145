package io.laneagent.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * Entry point of {@code -javaagent:lane-agent.jar} ({@link #premain}) and of runtime attach
 * ({@link #agentmain}).
 *
 * <p>This class is loaded by the system class loader. Its first act is to append the agent jar to the
 * bootstrap class path: advice is inlined into JDK classes ({@code HttpURLConnection}, the HTTP
 * client) whose loader is the bootstrap loader, so everything advice calls must be found there. After
 * that, every other agent class is loaded through the bootstrap loader (one copy, visible to all
 * class loaders). So this class names no other agent class directly: it reaches the installer
 * reflectively, through the bootstrap loader, and never throws into the JVM's start-up.
 */
public final class LaneAgent {

  private static final String INSTALLER = "io.laneagent.agent.AgentInstaller";

  private LaneAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean attachedAtRuntime) {
    try {
      File jar = agentJar();
      instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
      Class<?> installer = Class.forName(INSTALLER, true, null);
      installer.getMethod("install", String.class, Instrumentation.class, File.class, boolean.class)
          .invoke(null, agentArgs, instrumentation, jar, attachedAtRuntime);
    } catch (Throwable e) {
      // Never stop the application: it runs on, without lanes.
      System.err.println("[lane-agent] WARN lane-agent could not start and is inactive: " + e);
    }
  }

  private static File agentJar() throws Exception {
    URL location = LaneAgent.class.getProtectionDomain().getCodeSource().getLocation();
    File file = new File(location.toURI());
    if (!file.isFile()) {
      throw new IllegalStateException("lane-agent must run from its jar, not from " + file);
    }
    return file;
  }
}
