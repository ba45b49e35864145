package net.bytebuddy.agent.builder;

import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Makes {@link ModuleAwareExecutingTransformer}s with a plain constructor call. Byte Buddy's own factory for
 * Java 9+ calls the transformer's 18-parameter constructor by reflection, and on JDK 18+ the first such
 * call spins method handles for it (~25 ms of premain on JDK 25, measured). Initialising this class
 * registers an instance with {@code PrecompiledCreationAction}, which so needs no reflective call either.
 * Compiled for Java 9; initialised only on Java 9+.
 */
final class ModuleAwareExecutingTransformerFactory implements AgentBuilder.Default.ExecutingTransformer.Factory {

  static {
    PrecompiledCreationAction.moduleAware = new ModuleAwareExecutingTransformerFactory();
  }

  private ModuleAwareExecutingTransformerFactory() {}

  @Override
  @SuppressWarnings("checkstyle:ParameterNumber")
  public ResettableClassFileTransformer make(ByteBuddy byteBuddy, AgentBuilder.Listener listener,
      AgentBuilder.PoolStrategy poolStrategy, AgentBuilder.TypeStrategy typeStrategy,
      AgentBuilder.LocationStrategy locationStrategy, ClassFileLocator classFileLocator,
      AgentBuilder.Default.NativeMethodStrategy nativeMethodStrategy,
      AgentBuilder.InitializationStrategy initializationStrategy, AgentBuilder.InjectionStrategy injectionStrategy,
      AgentBuilder.LambdaInstrumentationStrategy lambdaInstrumentationStrategy,
      AgentBuilder.DescriptionStrategy descriptionStrategy, AgentBuilder.FallbackStrategy fallbackStrategy,
      AgentBuilder.ClassFileBufferStrategy classFileBufferStrategy,
      AgentBuilder.InstallationListener installationListener, AgentBuilder.RawMatcher ignoreMatcher,
      AgentBuilder.RedefinitionStrategy.ResubmissionEnforcer resubmissionEnforcer,
      List<AgentBuilder.Default.Transformation> transformations, AgentBuilder.CircularityLock circularityLock) {
    return new ModuleAwareExecutingTransformer(byteBuddy, listener, poolStrategy, typeStrategy, locationStrategy,
        classFileLocator, nativeMethodStrategy, initializationStrategy, injectionStrategy, lambdaInstrumentationStrategy,
        descriptionStrategy, fallbackStrategy, classFileBufferStrategy, installationListener, ignoreMatcher,
        resubmissionEnforcer, transformations, circularityLock);
  }
}
