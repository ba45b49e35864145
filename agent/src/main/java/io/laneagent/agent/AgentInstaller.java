package io.laneagent.agent;

import io.laneagent.agent.config.AgentConfig;
import io.laneagent.agent.config.ConfigLoader;
import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.LaneLog;
import io.laneagent.bootstrap.LaneSettings;
import java.io.File;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.utility.JavaModule;

/**
 * Reads the configuration, finds the instrumentations and installs them. Loaded by the bootstrap
 * class loader (see {@link LaneAgent}). Never throws: whatever fails is logged and skipped.
 */
public final class AgentInstaller {

  private static boolean installed;

  private AgentInstaller() {}

  /**
   * {@code dryRun}: a JDK 24+ AOT cache's training run (see {@code TrainingRun}): everything is set up and
   * every class goes through the matchers and Byte Buddy as in a run — so the agent's classes are loaded and
   * the cache holds them — but no class is changed, no loaded class is retransformed (the JDK 25 dump crashes
   * on a transformed {@code java.lang.Thread}), no helper is defined and no MBean registered.
   *
   * <p>{@code wovenClassesFile}: null, or where a dry run keeps the classes it wove and a run served by that AOT
   * cache (or AppCDS archive) finds them (see {@link WovenClasses}); with it, and our transformer first, a run
   * installs without Byte Buddy ({@link DeferredByteBuddy}). {@code firstTransformer}: no other agent's transformer
   * runs before ours on a retransformed class (see {@link WovenClassesUse}). {@code lane.weave-ahead} makes this a dry
   * run into that file, which weaves the class path and the JDK ahead ({@link ClassPathPreweave}) and exits the JVM.
   */
  public static synchronized void install(String agentArgs, Instrumentation instrumentation, File agentJar,
      boolean attachedAtRuntime, boolean dryRun, String wovenClassesFile, boolean firstTransformer) {
    if (installed) {
      LaneLog.warn("lane-agent is attached twice; the second attach is ignored");
      return;
    }
    installed = true;
    long startNanos = System.nanoTime();
    String weaveAhead = null;
    try {
      AgentConfig config = ConfigLoader.fromEnvironment(agentArgs).load();
      LaneSettings.install(config.settings());
      long configured = System.nanoTime();
      // lane.weave-ahead: this JVM only writes the woven-classes file for the runs an AppCDS archive serves (README)
      weaveAhead = attachedAtRuntime ? null : config.weaveAhead();
      if (weaveAhead != null) {
        dryRun = true;
        wovenClassesFile = weaveAhead;
      }

      final HelperInjector helperInjector = new HelperInjector(instrumentation, dryRun);
      final InstallPhaseDescriptionStrategy descriptionStrategy = new InstallPhaseDescriptionStrategy();
      final InstallPassDiscovery installPass = new InstallPassDiscovery();
      final AdvisedClasses advised = new AdvisedClasses();
      final RetransformationFailures retransformationFailures = new RetransformationFailures(advised);

      // A run that a woven-classes file serves reads what premain needs of the instrumentations from there, and
      // loads none of them unless Byte Buddy is set up (see InstallDescription); otherwise they describe themselves.
      String fingerprint = wovenClassesFile == null ? null : fingerprint(config);
      WovenClassesUse woven = null;
      InstallDescription description = null;
      if (wovenClassesFile != null && !dryRun) {
        woven = WovenClassesUse.open(new File(wovenClassesFile), false, false, fingerprint, null, helperInjector, advised,
            firstTransformer);
        description = woven == null ? null : describedBy(woven, config, wovenClassesFile);
        if (description == null) {
          woven = null;
        }
      }
      boolean fromFile = description != null;
      if (description == null) {
        description = InstallDescription.record(config);
      }
      if (wovenClassesFile != null && dryRun) {
        woven = WovenClassesUse.open(new File(wovenClassesFile), true, weaveAhead != null, fingerprint,
            description.toBytes(), helperInjector, advised, firstTransformer);
      }
      long described = System.nanoTime();
      description.addRootsTo(installPass);
      List<String> active = description.active();
      List<String> off = description.off();
      retransformationFailures.use(woven);
      SignaturePrefilter prefilter = new SignaturePrefilter(description.signatures());
      final boolean noRedefinition = dryRun;
      final Instrumentation inst = instrumentation;
      final File jar = agentJar;
      final InstallDescription instrumentations = description;
      Callable<AgentBuilder> byteBuddy = new Callable<AgentBuilder>() {
        @Override
        public AgentBuilder call() throws Exception {
          // the advice classes' bytes, read from the jar (opened here: an install without Byte Buddy needs none)
          return byteBuddy(descriptionStrategy, installPass, advised, retransformationFailures, noRedefinition, inst,
              instrumentations.recordedModules(), ClassFileLocator.ForJarFile.of(jar), helperInjector);
        }
      };
      String how;
      if (woven != null && !dryRun && firstTransformer) {
        // Every class woven ahead comes from the file: Byte Buddy only for a class that was not.
        how = installWithoutByteBuddy(instrumentation, byteBuddy, prefilter, woven, installPass, retransformationFailures)
            + " " + (System.nanoTime() - described) / 1_000_000 + " ms";
      } else {
        AgentBuilder builder = byteBuddy.call();
        long built = System.nanoTime();
        ClassFileTransformer transformer = builder.with(PrefilteringTransformer.decorator(prefilter, dryRun, woven,
            instrumentation)).installOn(instrumentation);
        if (dryRun && woven != null) {
          woven.keepLoaded(transformer, installPass.resolve(instrumentation));
          ClassPathPreweave.run(transformer, woven, prefilter);
        }
        how = "Byte Buddy builder " + (built - described) / 1_000_000 + " ms, install and retransform loaded classes "
            + (System.nanoTime() - built) / 1_000_000 + " ms";
      }
      descriptionStrategy.installed();
      if (LaneLog.isDebug()) {
        LaneLog.debug("start-up phases: configuration " + (configured - startNanos) / 1_000_000 + " ms, instrumentations "
            + (fromFile ? "described by " + wovenClassesFile + " " : "") + (described - configured) / 1_000_000 + " ms, "
            + how);
      }

      for (String problem : config.problems()) {
        LaneLog.warn(problem);
      }
      if (config.jmxEnabled() && !dryRun) {
        JmxRegistration.registerLater(new LaneAgentStatus(version(), config.effective(), config.problems(),
            description.states(), advised));
      }
      if (weaveAhead != null) {
        // woven and written: the application is not this JVM's business (its classes were read, none was loaded)
        if (woven == null) {
          LaneLog.warn("lane-agent could not weave ahead into " + weaveAhead + " (see above); this JVM exits without "
              + "running the application");
          System.exit(1);
        }
        LaneLog.info("wove ahead into " + weaveAhead + " in " + (System.nanoTime() - startNanos) / 1_000_000
            + " ms; this JVM exits without running the application");
        System.exit(0);
      }
      long millis = (System.nanoTime() - startNanos) / 1_000_000;
      LaneLog.info("lane-agent " + version() + " started in " + millis + " ms" + (attachedAtRuntime ? " (attached at run time)" : "") + (dryRun ? " (dry run: transforms nothing)" : "")
          + ": " + config.settings() + ", instrumentations=" + active + (off.isEmpty() ? "" : ", off=" + off));
    } catch (Throwable e) {
      if (weaveAhead != null) {
        // this JVM was to weave ahead and exit: running the application instead would surprise whoever started it
        LaneLog.warn("lane-agent could not weave ahead into " + weaveAhead + "; this JVM exits", e);
        System.exit(1);
      }
      LaneLog.warn("lane-agent failed to start and is inactive", e);
    }
  }

  /**
   * Our transformer in front of {@link DeferredByteBuddy}, and our install pass ({@link WovenInstallPass}); returns
   * what it did, for the debug line.
   */
  private static String installWithoutByteBuddy(Instrumentation instrumentation, final Callable<AgentBuilder> byteBuddy,
      SignaturePrefilter prefilter, WovenClassesUse woven, InstallPassDiscovery installPass,
      RetransformationFailures retransformationFailures) {
    DeferredByteBuddy deferred = new DeferredByteBuddy(new Callable<ResettableClassFileTransformer>() {
      @Override
      public ResettableClassFileTransformer call() throws Exception {
        // AgentBuilder.Default (every builder here is one, or delegates to one) makes a resettable one
        return (ResettableClassFileTransformer) byteBuddy.call().makeRaw();
      }
    });
    instrumentation.addTransformer(PrefilteringTransformer.deferring(deferred, prefilter, woven, instrumentation), true);
    int handed = WovenInstallPass.run(instrumentation, installPass, woven, prefilter, retransformationFailures);
    return "install and retransform " + handed + " loaded classes without Byte Buddy (set up when a class not woven "
        + "ahead needs it" + (deferred.isSetUp() ? ", as one did at install" : "") + ")";
  }

  /**
   * The description {@code woven}'s file holds, or null (one line says why) when it cannot be read: the file is then
   * not used at all.
   */
  private static InstallDescription describedBy(WovenClassesUse woven, AgentConfig config, String file) {
    try {
      return InstallDescription.fromBytes(woven.description(), config);
    } catch (Exception e) {
      LaneLog.info("not using " + file + " (" + e.getMessage() + "): every class is woven as without it; weave "
          + "ahead again (lane.weave-ahead) or train the AOT cache again to use it");
      return null;
    }
  }

  /** Byte Buddy's builder with the {@code recorded} instrumentations' types added. */
  static AgentBuilder byteBuddy(InstallPhaseDescriptionStrategy descriptionStrategy, InstallPassDiscovery installPass,
      AdvisedClasses advised, RetransformationFailures retransformationFailures, boolean dryRun,
      Instrumentation instrumentation, List<AgentBuilders.RecordedModule> recorded, ClassFileLocator adviceLocator,
      HelperInjector helperInjector) {
    AgentBuilder builder = AgentBuilders.base(descriptionStrategy, installPass, advised, retransformationFailures);
    if (dryRun) {
      builder = builder.with(AgentBuilder.RedefinitionStrategy.DISABLED);
    }
    if (JavaModule.isSupported()) {
      // JDK modules (java.base, java.net.http, jdk.httpserver) must read the bootstrap class
      // path's unnamed module to call what the inlined advice calls.
      builder = builder.assureReadEdgeTo(instrumentation, JavaModule.ofType(LaneContext.class));
    }
    for (AgentBuilders.RecordedModule module : recorded) {
      AgentBuilder extended = AgentBuilders.add(builder, module, adviceLocator, helperInjector, advised);
      if (extended != null) {
        builder = extended;
      }
    }
    return builder;
  }

  /**
   * What besides a class's own bytes decides how it is woven, for {@link WovenClasses}: the agent build, every
   * setting but the pod's own lane (read per request, not at weaving), debug and weave-ahead, the class path and
   * the JVM — and so which instrumentations are on ({@link InstallDescription}: by the configuration, the
   * extensions on the class path and what the JVM supports).
   */
  static String fingerprint(AgentConfig config) {
    StringBuilder out = new StringBuilder(version()).append('|').append(build());
    for (Map.Entry<String, String[]> setting : config.effective().entrySet()) {
      if (!setting.getKey().equals("lane.local") && !setting.getKey().equals("lane.debug")
          && !setting.getKey().equals("lane.weave-ahead")) {
        out.append('|').append(setting.getKey()).append('=').append(setting.getValue()[0]);
      }
    }
    out.append('|').append(System.getProperty("java.class.path")).append('|').append(System.getProperty("java.vm.version"));
    // A digest: a long class path would not fit the file's header (DataOutput.writeUTF takes 64 KB). Not SHA-256:
    // MessageDigest's first use sets up the JDK's security providers, ~8-13 ms of premain. The file is not guarded
    // by this (whoever can write it can change the classes it names); it only tells one build and configuration
    // from another, which two 64-bit FNV-1a hashes (forward and backward) and the length do.
    byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
    long forward = 0xcbf29ce484222325L;
    long backward = 0x84222325cbf29ce4L;
    for (int i = 0; i < bytes.length; i++) {
      forward = (forward ^ (bytes[i] & 0xff)) * 0x100000001b3L;
      backward = (backward ^ (bytes[bytes.length - 1 - i] & 0xff)) * 0x100000001b3L;
    }
    return version() + '-' + Long.toHexString(forward) + '-' + Long.toHexString(backward) + '-'
        + Integer.toHexString(bytes.length);
  }

  static String version() {
    return versionProperty("version");
  }

  /** When the agent jar was built: a woven class of another build is not used (see {@link WovenClasses}). */
  static String build() {
    return versionProperty("build");
  }

  private static String versionProperty(String name) {
    // this class's loader, or the system loader when this class is on the boot class path (Class does that)
    try (InputStream in = AgentInstaller.class.getResourceAsStream("/io/laneagent/agent/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty(name, "unknown");
    } catch (Throwable e) {
      return "unknown";
    }
  }
}
