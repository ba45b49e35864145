package io.laneagent.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * Entry point of {@code -javaagent:lane-agent.jar} ({@link #premain}) and of runtime attach
 * ({@link #agentmain}).
 *
 * <p>This class is loaded by the system class loader. Its first act is to put the agent's run-time core
 * into the bootstrap class loader: advice is inlined into JDK classes ({@code HttpURLConnection}, the
 * HTTP client) whose loader is the bootstrap loader, so everything advice calls must be found there.
 * On Java 9+ the core's classes are defined there one by one ({@code BootLoaderDefiner}), so that the
 * boot class path stays as the JVM started it and class data sharing (AppCDS, the AOT cache) keeps
 * serving the application's classes; the installer, Byte Buddy and the instrumentations then run from
 * a class loader of the agent's own over the same jar ({@code InstallerLoader}), whose classes a JDK 24+
 * AOT cache can hold. On Java 8, or if that fails, the whole jar is appended to the boot class path
 * and everything runs from there. So this class names no other agent class directly: it reaches the
 * installer reflectively, and never throws into the JVM's start-up.
 */
public final class LaneAgent {

  private static final String INSTALLER = "io.laneagent.agent.AgentInstaller";
  private static final String BOOT_LOADER_DEFINER = "io.laneagent.agent.BootLoaderDefiner";
  private static final String TRAINING_RUN = "io.laneagent.agent.TrainingRun";
  private static final String INSTALLER_LOADER = "io.laneagent.agent.InstallerLoader";

  private LaneAgent() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean attachedAtRuntime) {
    try {
      String training = trainingRun(instrumentation);
      boolean dryRun = training != null && dryRunTrains(training);
      if (training != null && !dryRun) {
        System.err.println("[lane-agent] INFO this JVM trains a class-data archive (" + training + "): lane-agent "
            + "steps aside and transforms nothing, so the archive keeps the application's classes as they are and "
            + "serves the runs that have the agent" + (training.startsWith("-XX:ArchiveClassesAtExit")
                ? " (with a Java agent attached, the JVM writes this archive only with -XX:+UnlockDiagnosticVMOptions "
                    + "-XX:+AllowArchivingWithJavaAgent; one trained without the agent serves them too)"
                : ""));
        return;
      }
      File jar = agentJar();
      ClassLoader installerLoader = bootClassPathForced() ? null : installerLoader(jar);
      if (installerLoader == null || !definedCoreInBootLoader(instrumentation, installerLoader)) {
        closeQuietly(installerLoader); // not used from here on: its open jar file would stay open for the JVM's life
        instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar));
        installerLoader = null; // everything from the boot class path: one copy, visible to all loaders
      }
      if (dryRun) {
        System.err.println("[lane-agent] INFO this JVM trains an AOT cache (" + training + "): lane-agent loads "
            + "its classes and transforms nothing, so the cache holds the application's classes as they are and "
            + "the agent's own, and serves the runs that have the agent");
      }
      Class<?> installer = Class.forName(INSTALLER, true, installerLoader);
      String wovenClasses = installerLoader == null || attachedAtRuntime ? null : wovenClassesFile(instrumentation);
      installer.getMethod("install", String.class, Instrumentation.class, File.class, boolean.class, boolean.class,
          String.class, boolean.class).invoke(null, agentArgs, instrumentation, jar, attachedAtRuntime, dryRun,
          wovenClasses, wovenClasses != null && firstTransformer(instrumentation, jar));
    } catch (Throwable e) {
      // Never stop the application: it runs on, without lanes.
      System.err.println("[lane-agent] WARN lane-agent could not start and is inactive: " + e);
    }
  }

  /** Java 9+: the flag that makes this JVM write a class-data archive (see TrainingRun), else null. */
  private static String trainingRun(Instrumentation instrumentation) {
    if (System.getProperty("java.specification.version").startsWith("1.")) {
      return null;
    }
    try {
      return (String) callJava9(TRAINING_RUN, "flag", new Class<?>[] {Instrumentation.class}, instrumentation);
    } catch (Throwable e) {
      return null;
    }
  }

  /** Java 9+: where an AOT training run keeps the classes it wove and its runs find them (see TrainingRun), or null. */
  private static String wovenClassesFile(Instrumentation instrumentation) {
    try {
      return (String) callJava9(TRAINING_RUN, "wovenClassesFile", new Class<?>[] {Instrumentation.class}, instrumentation);
    } catch (Throwable e) {
      return null;
    }
  }

  /** Java 9+: whether no other agent's transformer runs before ours on a retransformed class (see TrainingRun). */
  private static boolean firstTransformer(Instrumentation instrumentation, File jar) {
    try {
      return (Boolean) callJava9(TRAINING_RUN, "firstTransformer", new Class<?>[] {Instrumentation.class, File.class},
          instrumentation, jar);
    } catch (Throwable e) {
      return false;
    }
  }

  /**
   * A JDK 24+ AOT cache's training run ({@code -XX:AOTCacheOutput}, {@code -XX:AOTMode=record}): the agent
   * installs as a dry run (see TrainingRun), so that the cache holds the agent's own classes.
   * {@code -XX:AOTMode=create} assembles the cache from the recorded run and runs no application.
   */
  static boolean dryRunTrains(String trainingFlag) {
    return trainingFlag.startsWith("-XX:AOTCacheOutput") || trainingFlag.startsWith("-XX:AOTMode=record");
  }

  /** Java 8, or {@code -Dlane.boot-class-path=true}: the whole jar goes on the boot class path. */
  private static boolean bootClassPathForced() {
    return Boolean.getBoolean("lane.boot-class-path") || System.getProperty("java.specification.version").startsWith("1.");
  }

  /**
   * Java 9+: the agent's own loader (see InstallerLoader), whose classes a JDK 24+ AOT cache can hold; this class's
   * loader if it cannot be made. The core's classes are read through it too (see BootLoaderDefiner).
   */
  private static ClassLoader installerLoader(File jar) {
    try {
      return (ClassLoader) callJava9(INSTALLER_LOADER, "create", new Class<?>[] {File.class}, jar);
    } catch (Throwable e) {
      return LaneAgent.class.getClassLoader();
    }
  }

  /**
   * Java 9+: the core, read through {@code agentJarLoader}, defined class by class in the boot loader (see
   * BootLoaderDefiner); false on failure.
   */
  private static boolean definedCoreInBootLoader(Instrumentation instrumentation, ClassLoader agentJarLoader) {
    try {
      return (Boolean) callJava9(BOOT_LOADER_DEFINER, "define", new Class<?>[] {Instrumentation.class, ClassLoader.class},
          instrumentation, agentJarLoader);
    } catch (Throwable e) {
      return false;
    }
  }

  /**
   * The static method {@code method} of {@code className}, one of our classes compiled for Java 9
   * (src/main/java9), called reflectively so that this class links on Java 8.
   */
  private static Object callJava9(String className, String method, Class<?>[] parameters, Object... arguments)
      throws Exception {
    java.lang.reflect.Method target = Class.forName(className, true, LaneAgent.class.getClassLoader())
        .getDeclaredMethod(method, parameters);
    target.setAccessible(true);
    return target.invoke(null, arguments);
  }

  /** Closes the agent's own loader (a URLClassLoader) that is not used; this class's loader or null stays as it is. */
  private static void closeQuietly(ClassLoader loader) {
    if (loader instanceof java.io.Closeable && loader != LaneAgent.class.getClassLoader()) {
      try {
        ((java.io.Closeable) loader).close();
      } catch (Throwable e) {
        // nothing to do: at worst the file stays open, as before
      }
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
