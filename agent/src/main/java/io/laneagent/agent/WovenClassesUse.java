package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import java.io.File;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.BitSet;

/**
 * How {@link PrefilteringTransformer} uses a {@link WovenClasses} file: an AOT training run's dry install
 * keeps every class Byte Buddy wove ({@link #keep}); a run served by that cache takes a kept class's woven
 * bytes instead of weaving it ({@link #replay}), after defining the helpers its advice calls and noting it
 * for the MBean as Byte Buddy's listener would.
 */
final class WovenClassesUse {

  /** What {@link #replay} returns for a class file the training run's Byte Buddy left as it was. */
  static final byte[] UNCHANGED = new byte[0];
  private static final String[] NONE = new String[0];

  /** What the file says of a class loaded before the agent (see {@link #forLoaded}). */
  enum Loaded { WOVEN, UNCHANGED, UNKNOWN }

  private final WovenClasses classes;
  private final HelperInjector helperInjector;
  private final AdvisedClasses advised;
  /**
   * Whether a class being retransformed may take its kept bytes: only when no other agent's transformer runs
   * before ours. The JVM hands a retransforming transformer what the transformers before it made of the class,
   * and the kept bytes, woven from the class file, would drop their changes. (A class being loaded is safe: the
   * bytes handed over must be the kept class file's.)
   */
  private final boolean firstTransformer;
  /** Classes retransformed once more with their kept bytes, after the JVM refused what Byte Buddy wove. */
  private final java.util.Set<Class<?>> keptOnRetry =
      java.util.Collections.newSetFromMap(new java.util.concurrent.ConcurrentHashMap<Class<?>, Boolean>());

  WovenClassesUse(WovenClasses classes, HelperInjector helperInjector, AdvisedClasses advised,
      boolean firstTransformer) {
    this.classes = classes;
    this.helperInjector = helperInjector;
    this.advised = advised;
    this.firstTransformer = firstTransformer;
  }

  /**
   * A dry run: a use that keeps the woven classes in {@code file}, written as they come ({@code ahead}: for
   * {@code lane.weave-ahead}, else an AOT training run), after {@code description} (see {@link InstallDescription}).
   * Otherwise: the classes {@code file} holds for {@code fingerprint} ({@code description} is not used), or null when
   * there is no such file or it does not fit (one line says why).
   */
  static WovenClassesUse open(File file, boolean dryRun, boolean ahead, String fingerprint, byte[] description,
      HelperInjector helperInjector, AdvisedClasses advised, boolean firstTransformer) {
    if (!dryRun && !file.isFile()) {
      return null;
    }
    // Reading a JDK class file goes through the jrt: URL handler. Loaded for the first time once our transformer
    // is in place, from inside a transformation, its URLConnection subclass would be matched, and describing it
    // would need its own class file: a ClassCircularityError that leaves it unloadable for the JVM's life.
    classFile(null, "java/lang/Object");
    if (dryRun) {
      try {
        WovenClassesUse use = new WovenClassesUse(WovenClasses.writingTo(file, fingerprint, description), helperInjector, advised,
            firstTransformer);
        advised.keepLastCommitted(); // keep() records each woven class with its instrumentations
        LaneLog.info("the classes this " + (ahead ? "JVM weaves ahead go to " + file + ", for the runs the archive beside it "
            + "serves" : "training run weaves go to " + file + ", for the runs this AOT cache serves"));
        return use;
      } catch (Throwable e) {
        LaneLog.warn("cannot write " + file + " (the runs " + (ahead ? "it would serve" : "this AOT cache serves")
            + " weave every class themselves): " + e);
        return null;
      }
    }
    try {
      WovenClasses classes = WovenClasses.readFrom(file, fingerprint);
      if (LaneLog.isDebug()) {
        LaneLog.debug("woven classes: " + classes.size() + " from " + file);
      }
      return new WovenClassesUse(classes, helperInjector, advised, firstTransformer);
    } catch (Throwable e) {
      LaneLog.info("not using " + file + " (" + e.getMessage() + "): every class is woven as without it; train "
          + "the AOT cache again (or weave ahead again, lane.weave-ahead) with this agent and configuration to use it");
      return null;
    }
  }

  /**
   * The JVM refused to retransform {@code type} with what the transformers made of it (see
   * {@link RetransformationFailures}): whether it is to be retried with its kept bytes — once, and only if some are
   * kept for its name.
   */
  boolean takeKeptBytesOnRetry(Class<?> type) {
    return classes.contains(type.getClassLoader(), type.getName().replace('.', '/')) && keptOnRetry.add(type);
  }

  /** The install description the file holds (see {@link InstallDescription#toBytes}). */
  byte[] description() {
    return classes.description();
  }

  /** Whether the file has an entry for {@code internalName} of {@code loader} (for whatever bytes). */
  boolean knows(ClassLoader loader, String internalName) {
    return classes.contains(loader, internalName);
  }

  /** Training, before Byte Buddy weaves a class: what an earlier weave on this thread that failed left is dropped. */
  void beforeWeaving() {
    advised.takeLastCommitted();
    advised.takeLastIgnored();
    helperInjector.takeRequested();
  }

  /**
   * Training: Byte Buddy left {@code classFile} as it was; kept as such if it looked at the class and matched no
   * type instrumentation — not if it skipped the class (one loaded while it weaves another), which a run must
   * weave itself.
   */
  void keepIfIgnored(ClassLoader loader, String internalName, byte[] classFile) {
    if (advised.takeLastIgnored()) {
      keepUnchanged(loader, internalName, classFile);
    }
  }

  /**
   * Training: {@code classFile} stays as it is (the prefilter or Byte Buddy found nothing to weave), so that a run
   * needs no Byte Buddy to know (see {@link DeferredByteBuddy}).
   */
  void keepUnchanged(ClassLoader loader, String internalName, byte[] classFile) {
    record(loader, internalName, classFile, UNCHANGED, NONE, NONE);
  }

  /**
   * A run, for a class the JVM loaded before the agent: whether the file has woven bytes for its class file, the
   * file or {@code prefilter} says it stays as it is (the training run may have loaded it only after premain,
   * where the prefilter turned it away), or neither knows.
   */
  Loaded forLoaded(Class<?> type, SignaturePrefilter prefilter) {
    ClassLoader loader = type.getClassLoader();
    String internalName = type.getName().replace('.', '/');
    byte[] classFile = classFile(loader, internalName);
    if (classFile == null) {
      return Loaded.UNKNOWN;
    }
    WovenClasses.Entry entry = classes.find(loader, internalName, classFile);
    if (entry != null) {
      return entry.unchanged() ? Loaded.UNCHANGED : Loaded.WOVEN;
    }
    BitSet candidates = prefilter.candidates(internalName, classFile);
    return candidates != null && candidates.isEmpty() ? Loaded.UNCHANGED : Loaded.UNKNOWN;
  }

  /** Training: {@code classFile} was woven into {@code woven} (the dry run then drops it). */
  void keep(ClassLoader loader, String internalName, byte[] classFile, byte[] woven) {
    record(loader, internalName, classFile, woven, advised.takeLastCommitted(), helperInjector.takeRequested());
  }

  /** Writes one entry; a failure is said once and ends nothing (the runs weave the classes not written). */
  private void record(ClassLoader loader, String internalName, byte[] classFile, byte[] woven, String[] instrumentations,
      String[] helpers) {
    try {
      classes.record(loader, internalName, classFile, woven, instrumentations, helpers);
    } catch (Throwable e) {
      LaneLog.warnOnce("woven-classes-write", "cannot write the woven classes of this training run (its runs weave "
          + "the classes not written themselves): " + e);
    }
  }

  /**
   * Training: the classes loaded before the agent that it would retransform in a run (the JVM loads them
   * before premain in the runs too, and with an AOT cache it loads thousands of the application's) are woven
   * and kept as well, from their class files ({@code transformer} is the dry run's: it keeps and drops).
   */
  void keepLoaded(ClassFileTransformer transformer, Iterable<Iterable<Class<?>>> batches) {
    for (Iterable<Class<?>> batch : batches) {
      keepBatch(transformer, batch);
    }
  }

  private void keepBatch(ClassFileTransformer transformer, Iterable<Class<?>> loaded) {
    for (Class<?> type : loaded) {
      ClassLoader loader = type.getClassLoader();
      String internalName = type.getName().replace('.', '/');
      if (WovenClasses.loaderKind(loader) == null || classes.contains(loader, internalName)) {
        continue;
      }
      byte[] classFile = classFile(loader, internalName);
      if (classFile != null) {
        try {
          transformer.transform(loader, internalName, type, type.getProtectionDomain(), classFile);
        } catch (Throwable e) {
          // Byte Buddy's listener has said why; the runs weave this class themselves
        }
      }
    }
  }

  /**
   * A run: the woven bytes kept for exactly this class file, {@link #UNCHANGED} if it stays as it is, or null to
   * weave it. For a class being
   * retransformed the JVM hands over a class file reconstituted from the loaded class; the one that was loaded
   * is the one its loader finds.
   */
  byte[] replay(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) {
    if (!classes.contains(loader, internalName)
        || (classBeingRedefined != null && !firstTransformer && !keptOnRetry.contains(classBeingRedefined))) {
      return null;
    }
    byte[] original = classBeingRedefined == null ? classFile : classFile(loader, internalName);
    WovenClasses.Entry entry = original == null ? null : classes.find(loader, internalName, original);
    if (entry == null) {
      return null;
    }
    if (entry.unchanged()) {
      return UNCHANGED;
    }
    byte[] woven = entry.woven();
    if (woven == null) {
      return null; // the file changed since it was read: Byte Buddy weaves the class
    }
    if (entry.helpers.length > 0) {
      try {
        helperInjector.inject(loader, protectionDomain, entry.helpers);
      } catch (Exception e) {
        return null; // Byte Buddy's path meets the same failure and reports it
      }
    }
    String typeName = internalName.replace('/', '.');
    advised.committed(typeName, entry.instrumentations);
    if (LaneLog.isDebug()) {
      LaneLog.debug("instrumented " + typeName + " (woven ahead)");
    }
    return woven;
  }

  /** The class file {@code loader} finds for {@code internalName} (the boot loader's through the system loader), or null. */
  static byte[] classFile(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    try {
      InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
          : loader.getResourceAsStream(resource);
      return in == null ? null : Streams.readAll(in);
    } catch (Throwable e) {
      return null;
    }
  }
}
