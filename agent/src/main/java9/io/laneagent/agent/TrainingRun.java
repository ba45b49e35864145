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
      String[] arguments = runtimeArguments(instrumentation);
      if ("create".equals(value(arguments, "-XX:AOTMode="))) {
        // before -XX:AOTCacheOutput, which the child of a one-step training has too (JDK 25 runs no agent there)
        return "-XX:AOTMode=create";
      }
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

  /**
   * Where the classes the agent weaves go in an AOT training run ({@code <-XX:AOTCacheOutput>.lane-woven}, or
   * {@code <-XX:AOTConfiguration>.lane-woven} with {@code AOTMode=record}), and where a run the JVM serves from
   * an AOT cache finds them ({@code <-XX:AOTCache>.lane-woven}), or one with an AppCDS archive the file
   * {@code lane.weave-ahead} wrote beside it ({@code <-XX:SharedArchiveFile>.lane-woven}); null for any other JVM.
   * See {@code WovenClasses}.
   * The JVM runs no agent in {@code AOTMode=create}, so after a two-step training the file is renamed by hand
   * (README). Never throws.
   */
  static String wovenClassesFile(Instrumentation instrumentation) {
    try {
      String[] arguments = runtimeArguments(instrumentation);
      String mode = value(arguments, "-XX:AOTMode=");
      String output = value(arguments, "-XX:AOTCacheOutput=");
      if (output != null) {
        return output + WovenClasses.SUFFIX;
      }
      if ("record".equals(mode)) {
        String configuration = value(arguments, "-XX:AOTConfiguration=");
        return configuration == null ? null : configuration + WovenClasses.SUFFIX;
      }
      String cache = value(arguments, "-XX:AOTCache=");
      if (cache == null) {
        // AppCDS: the file lane.weave-ahead wrote beside the archive (README), if any; a JVM that writes a
        // dynamic archive trains (see flag) and never gets here
        String shared = value(arguments, "-XX:SharedArchiveFile=");
        if (shared == null || !usingArchive()) {
          return null;
        }
        String[] archives = shared.split(java.io.File.pathSeparator); // base:top names the top archive last
        return archives[archives.length - 1] + WovenClasses.SUFFIX;
      }
      if ("create".equals(mode) || "off".equals(mode) || !usingArchive()) {
        return null; // a cache the JVM refused (another class path, say) serves nothing, nor does our file
      }
      return cache + WovenClasses.SUFFIX;
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * Whether no other agent's transformer can run before ours on a class the JVM retransforms: {@code ownJar} is
   * the first {@code -javaagent} and no native agent ({@code -agentlib}, {@code -agentpath}; the debugger's
   * {@code jdwp} transforms nothing) is given. Agents attached later register after ours, so ours runs first.
   * False where it cannot say. Never throws. (See {@code WovenClassesUse}: kept bytes would drop what an earlier
   * transformer changed.)
   */
  static boolean firstTransformer(Instrumentation instrumentation, java.io.File ownJar) {
    try {
      boolean firstJavaAgent = true;
      for (String argument : runtimeArguments(instrumentation)) {
        if (argument.startsWith("-agentpath:")
            || (argument.startsWith("-agentlib:") && !argument.startsWith("-agentlib:jdwp"))) {
          return false;
        }
        if (argument.startsWith("-javaagent:") && firstJavaAgent) {
          firstJavaAgent = false;
          String path = argument.substring("-javaagent:".length());
          int options = path.indexOf('=');
          path = options < 0 ? path : path.substring(0, options);
          if (!new java.io.File(path).getCanonicalFile().equals(ownJar.getCanonicalFile())) {
            return false;
          }
        }
      }
      return true;
    } catch (Throwable e) {
      return false;
    }
  }

  private static String value(String[] arguments, String prefix) {
    String found = null;
    for (String argument : arguments) {
      if (argument.startsWith(prefix)) {
        found = argument.substring(prefix.length()); // the last one wins, as for the JVM
      }
    }
    return found;
  }

  /** JDK 24+: whether the JVM maps a CDS archive or AOT cache; true where it cannot say. */
  private static boolean usingArchive() {
    try {
      return (Boolean) Class.forName("jdk.internal.misc.CDS").getMethod("isUsingArchive").invoke(null);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (Throwable e) {
      return false;
    }
  }

  /** The JVM's arguments, read once: premain asks for the training flag and for the woven-classes file. */
  private static String[] runtimeArguments;

  private static synchronized String[] runtimeArguments(Instrumentation instrumentation) throws Exception {
    if (runtimeArguments != null) {
      return runtimeArguments;
    }
    Module base = Object.class.getModule();
    if (!base.isExported("jdk.internal.misc", TrainingRun.class.getModule())) {
      instrumentation.redefineModule(base, Collections.<Module>emptySet(),
          Collections.singletonMap("jdk.internal.misc", Collections.singleton(TrainingRun.class.getModule())),
          Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
          Collections.<Class<?>, List<Class<?>>>emptyMap());
    }
    runtimeArguments = (String[]) Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments").invoke(null);
    return runtimeArguments;
  }
}
