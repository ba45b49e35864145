package io.laneagent.agent;

import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Whether this JVM is a training run that writes a class-data archive: {@code -XX:ArchiveClassesAtExit}
 * (AppCDS, Spring Boot's recipe), {@code -Xshare:dump}, or the JDK 24+ AOT cache ({@code -XX:AOTCacheOutput},
 * {@code -XX:AOTMode=record|create}). An agent that transforms classes in such a run leaves them out of
 * the archive, and on JDK 25 the AOT cache's dump crashes the JVM when a class the VM itself knows
 * ({@code java.lang.Thread}) was transformed. So in such a run the agent changes no class:
 * <ul>
 *   <li>AppCDS and {@code -Xshare:dump}: it steps aside and installs nothing. The JVM archives no class of an
 *       agent's here anyway (it even refuses to write the archive with an agent attached unless told to).</li>
 *   <li>AOT cache training ({@code -XX:AOTCacheOutput}, {@code AOTMode=record}): a <em>dry run</em>
 *       ({@code AgentInstaller}): the installer, Byte Buddy and the instrumentations load from the agent's own
 *       class loader ({@code InstallerLoader}) and every class passes the matchers and Byte Buddy, whose result
 *       is dropped; loaded classes are not retransformed. So the cache holds the application's classes as
 *       they are <em>and</em> the agent's own, which the runs with the agent then take from it.</li>
 *   <li>{@code AOTMode=create} assembles the cache from a recorded run and runs no application: step aside.</li>
 * </ul>
 * Trained with the agent attached, the archive's module graph ({@code java.instrument}) is that of the runs.
 *
 * <p>The JVM's own arguments come from {@code jdk.internal.misc.VM}, exported to the agent for this through
 * {@code Instrumentation.redefineModule}: they include {@code JAVA_TOOL_OPTIONS} and argument files.
 * Compiled for Java 9; created reflectively on Java 9+ only.
 */
final class TrainingRun {

  private static final String[] FLAGS = {"-XX:ArchiveClassesAtExit", "-Xshare:dump", "-XX:AOTCacheOutput",
      "-XX:AOTMode=record", "-XX:AOTMode=create"};

  private TrainingRun() {}

  /** The flag that makes this JVM a training run, or null. Never throws. */
  static String flag(Instrumentation instrumentation) {
    try {
      Module base = Object.class.getModule();
      instrumentation.redefineModule(base, Collections.<Module>emptySet(),
          Collections.singletonMap("jdk.internal.misc", Collections.singleton(TrainingRun.class.getModule())),
          Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
          Collections.<Class<?>, List<Class<?>>>emptyMap());
      String[] arguments = (String[]) Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments").invoke(null);
      for (String argument : arguments) {
        for (String flag : FLAGS) {
          if (argument.startsWith(flag)) {
            return argument;
          }
        }
      }
      return null;
    } catch (Throwable e) {
      return null;
    }
  }
}
