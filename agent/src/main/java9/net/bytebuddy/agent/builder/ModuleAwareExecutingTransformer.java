package net.bytebuddy.agent.builder;

import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * What Byte Buddy generates at run time on Java 9+ (see the replaced {@code CreationAction} next to
 * this class's source in src/main/java): the JVM's module-aware {@code transform} hands the module to
 * Byte Buddy, which needs it for read edges and module matchers. Compiled for Java 9.
 */
public class ModuleAwareExecutingTransformer extends AgentBuilder.Default.ExecutingTransformer {

  @SuppressWarnings("checkstyle:ParameterNumber")
  public ModuleAwareExecutingTransformer(ByteBuddy byteBuddy, AgentBuilder.Listener listener,
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
    super(byteBuddy, listener, poolStrategy, typeStrategy, locationStrategy, classFileLocator, nativeMethodStrategy,
        initializationStrategy, injectionStrategy, lambdaInstrumentationStrategy, descriptionStrategy,
        fallbackStrategy, classFileBufferStrategy, installationListener, ignoreMatcher, resubmissionEnforcer,
        transformations, circularityLock);
  }

  @Override
  public byte[] transform(Module module, ClassLoader classLoader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] binaryRepresentation) {
    return transform((Object) module, classLoader, internalName, classBeingRedefined, protectionDomain,
        binaryRepresentation);
  }
}
