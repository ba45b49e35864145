package net.bytebuddy.agent.builder;

import java.lang.reflect.Constructor;
import java.security.PrivilegedAction;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.utility.JavaModule;

/**
 * Becomes Byte Buddy's {@code AgentBuilder$Default$ExecutingTransformer$Factory$CreationAction} in the
 * shaded jar: the shade plugin excludes the original and relocates this class to its name (agent/pom.xml;
 * javac cannot compile a top-level class under a nested class's binary name). Byte Buddy's version, run once by {@code ExecutingTransformer}'s static initialiser,
 * generates the Java 9 subclass of {@code ExecutingTransformer} (the one whose
 * {@code transform(Module, …)} passes the module on) with Byte Buddy itself, at premain: ~130 ms, a
 * third of the agent's premain (issue #7). The same subclass is compiled ahead of time here
 * ({@code ModuleAwareExecutingTransformer}, src/main/java9); this returns it, or the legacy factory
 * where there are no modules — the same outcomes as the original.
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
  private static final String MODULE_AWARE = "net.bytebuddy.agent.builder.ModuleAwareExecutingTransformer";

  @Override
  public AgentBuilder.Default.ExecutingTransformer.Factory run() {
    if (JavaModule.isSupported()) {
      try {
        Constructor<? extends ResettableClassFileTransformer> constructor =
            (Constructor) Class.forName(MODULE_AWARE, false, AgentBuilder.class.getClassLoader()).getConstructor(
                ByteBuddy.class, AgentBuilder.Listener.class, AgentBuilder.PoolStrategy.class,
                AgentBuilder.TypeStrategy.class, AgentBuilder.LocationStrategy.class, ClassFileLocator.class,
                AgentBuilder.Default.NativeMethodStrategy.class, AgentBuilder.InitializationStrategy.class,
                AgentBuilder.InjectionStrategy.class, AgentBuilder.LambdaInstrumentationStrategy.class,
                AgentBuilder.DescriptionStrategy.class, AgentBuilder.FallbackStrategy.class,
                AgentBuilder.ClassFileBufferStrategy.class, AgentBuilder.InstallationListener.class,
                AgentBuilder.RawMatcher.class, AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer.class,
                List.class, AgentBuilder.CircularityLock.class);
        return new AgentBuilder.Default.ExecutingTransformer.Factory.ForJava9CapableVm(constructor);
      } catch (Exception e) {
        // as Byte Buddy's own: without the module-aware subclass, the legacy transformer
      }
    }
    return AgentBuilder.Default.ExecutingTransformer.Factory.ForLegacyVm.INSTANCE;
  }
}
