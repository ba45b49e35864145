package net.bytebuddy.agent.builder;

import java.security.PrivilegedAction;
import net.bytebuddy.utility.JavaModule;

/**
 * Becomes Byte Buddy's {@code AgentBuilder$Default$ExecutingTransformer$Factory$CreationAction} in the
 * shaded jar: the shade plugin excludes the original and relocates this class to its name (agent/pom.xml;
 * javac cannot compile a top-level class under a nested class's binary name). Byte Buddy's version, run once by {@code ExecutingTransformer}'s static initialiser,
 * generates the Java 9 subclass of {@code ExecutingTransformer} (the one whose
 * {@code transform(Module, …)} passes the module on) with Byte Buddy itself, at premain: ~130 ms, a
 * third of the agent's premain (issue #7). The same subclass is compiled ahead of time here
 * ({@code ModuleAwareExecutingTransformer}, src/main/java9); this returns a factory of it
 * ({@code ModuleAwareExecutingTransformerFactory}), or the legacy factory where there are no modules — the
 * same outcomes as the original.
 *
 * <p>The class name, enum shape and the {@code ExecutingTransformer} constructor are Byte Buddy's
 * internals: a Byte Buddy upgrade that changes them fails this compilation, and
 * {@code ExecutingTransformerFactoryIT} checks the built jar uses this class and passes modules on.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public enum PrecompiledCreationAction
    implements PrivilegedAction<AgentBuilder.Default.ExecutingTransformer.Factory> {
  INSTANCE;

  /** Relocated with the rest of Byte Buddy by the shade plugin, like every class name in this file. */
  private static final String MODULE_AWARE_FACTORY = "net.bytebuddy.agent.builder.ModuleAwareExecutingTransformerFactory";

  /** Set by {@code ModuleAwareExecutingTransformerFactory}'s static initialiser, which {@link #run} triggers. */
  static volatile AgentBuilder.Default.ExecutingTransformer.Factory moduleAware;

  @Override
  public AgentBuilder.Default.ExecutingTransformer.Factory run() {
    if (JavaModule.isSupported()) {
      try {
        // Initialising the factory registers it (no reflective constructor call: see that class).
        Class.forName(MODULE_AWARE_FACTORY, true, AgentBuilder.class.getClassLoader());
        AgentBuilder.Default.ExecutingTransformer.Factory factory = moduleAware;
        if (factory != null) {
          return factory;
        }
      } catch (Exception e) {
        // as Byte Buddy's own: without the module-aware subclass, the legacy transformer
      }
    }
    return AgentBuilder.Default.ExecutingTransformer.Factory.ForLegacyVm.INSTANCE;
  }
}
