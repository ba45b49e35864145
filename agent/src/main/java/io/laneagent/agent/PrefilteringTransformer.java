package io.laneagent.agent;

import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.BitSet;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Byte Buddy's transformer behind a {@link SignaturePrefilter} check: classes that cannot declare an
 * advised method never reach Byte Buddy. On Java 9+ the subclass {@code PrefilteringTransformerForModules}
 * (compiled for Java 9, in src/main/java9) keeps the module argument, which Byte Buddy needs to add
 * read edges from JDK modules to the agent. With a woven-classes file, a class it holds takes its woven bytes
 * ({@link WovenClassesUse}); installed without Byte Buddy, the delegate is a {@link DeferredByteBuddy}, which sets
 * Byte Buddy up only when a class reaches it.
 */
class PrefilteringTransformer extends ResettableClassFileTransformer.WithDelegation {

  private static final String FOR_MODULES = "io.laneagent.agent.PrefilteringTransformerForModules";

  protected final SignaturePrefilter prefilter;
  /** A training run's dry install (see AgentInstaller): Byte Buddy's result is computed and dropped. */
  private final boolean discard;
  /** Null, or the AOT training run's woven classes: kept in a dry run, used instead of weaving otherwise. */
  private final WovenClassesUse woven;
  protected final Instrumentation instrumentation;

  protected PrefilteringTransformer(ResettableClassFileTransformer delegate, SignaturePrefilter prefilter,
      boolean discard, WovenClassesUse woven, Instrumentation instrumentation) {
    super(delegate);
    this.prefilter = prefilter;
    this.discard = discard;
    this.woven = woven;
    this.instrumentation = instrumentation;
  }

  /** The decorator the AgentBuilder applies before it registers its transformer. */
  static AgentBuilder.TransformerDecorator decorator(final SignaturePrefilter prefilter, final boolean discard,
      final WovenClassesUse woven, final Instrumentation instrumentation) {
    return new AgentBuilder.TransformerDecorator() {
      @Override
      public ResettableClassFileTransformer decorate(ResettableClassFileTransformer transformer) {
        if (!JavaModules.SUPPORTED) {
          return new PrefilteringTransformer(transformer, prefilter, discard, woven, instrumentation);
        }
        try {
          return (ResettableClassFileTransformer) Class.forName(FOR_MODULES, true, PrefilteringTransformer.class.getClassLoader())
              .getDeclaredConstructor(ResettableClassFileTransformer.class, SignaturePrefilter.class, boolean.class,
                  WovenClassesUse.class, Instrumentation.class)
              .newInstance(transformer, prefilter, discard, woven, instrumentation);
        } catch (Exception e) {
          throw new IllegalStateException("cannot create the module-aware transformer", e);
        }
      }
    };
  }

  @Override
  public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    return prefiltered(null, loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }

  /**
   * The one place both JVM entry points go through: skip classes that declare nothing we advise, and
   * tell Byte Buddy's matchers which type instrumentations may apply ({@link CandidateTypes}).
   */
  protected final byte[] prefiltered(Object module, ClassLoader loader, String internalName,
      Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classFile)
      throws IllegalClassFormatException {
    if (IgnoredClasses.ignores(internalName)) {
      return null; // ours, Byte Buddy's, a lambda: Byte Buddy's ignore matcher would turn it away after the scan
    }
    BitSet candidates = prefilter.candidates(internalName, classFile);
    if (candidates != null && candidates.isEmpty()) {
      return null;
    }
    if (woven != null && !discard) {
      byte[] kept = woven.replay(loader, internalName, classBeingRedefined, protectionDomain, classFile);
      if (kept == WovenClassesUse.UNCHANGED) {
        return null;
      }
      if (kept != null) {
        readsCore(module);
        return kept;
      }
    }
    if (discard && woven != null) {
      woven.beforeWeaving();
    }
    BitSet previous = CandidateTypes.enter(candidates);
    try {
      byte[] transformed = delegate(module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
      if (discard) {
        if (transformed != null && woven != null) {
          woven.keep(loader, internalName, classFile, transformed);
        } else if (woven != null) {
          woven.keepIfIgnored(loader, internalName, classFile);
        }
        return null;
      }
      return transformed;
    } finally {
      CandidateTypes.exit(previous);
    }
  }

  /**
   * A class taken from the woven-classes file may call the core from a JDK module; Byte Buddy adds that read
   * edge for the classes it weaves ({@code assureReadEdgeTo}). Nothing to do before Java 9.
   */
  protected void readsCore(Object module) {}

  /** Byte Buddy's transformer; {@code module} is always null here (no modules before Java 9). */
  protected byte[] delegate(Object module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    ResettableClassFileTransformer byteBuddy = byteBuddy(internalName);
    return byteBuddy == null ? null
        : byteBuddy.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }

  /**
   * Byte Buddy's transformer: the one this decorates, or — installed without Byte Buddy ({@link DeferredByteBuddy})
   * — the one set up now that {@code internalName} needs it; null if it cannot be had (then the class stays as it is).
   */
  protected final ResettableClassFileTransformer byteBuddy(String internalName) {
    return classFileTransformer instanceof DeferredByteBuddy
        ? ((DeferredByteBuddy) classFileTransformer).transformer(internalName) : classFileTransformer;
  }

  /** Our transformer in front of {@code deferred}, for an install without Byte Buddy (see {@link DeferredByteBuddy}). */
  static PrefilteringTransformer deferring(DeferredByteBuddy deferred, SignaturePrefilter prefilter, WovenClassesUse woven,
      Instrumentation instrumentation) {
    return (PrefilteringTransformer) decorator(prefilter, false, woven, instrumentation).decorate(deferred);
  }
}
