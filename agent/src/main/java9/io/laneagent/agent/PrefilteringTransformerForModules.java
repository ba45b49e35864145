package io.laneagent.agent;

import io.laneagent.bootstrap.LaneContext;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * {@link PrefilteringTransformer} for Java 9+: the JVM calls the module-aware {@code transform}, and
 * the module goes on to Byte Buddy. Compiled for Java 9; created reflectively, only on Java 9+.
 */
final class PrefilteringTransformerForModules extends PrefilteringTransformer {

  PrefilteringTransformerForModules(ResettableClassFileTransformer delegate, SignaturePrefilter prefilter,
      boolean discard, WovenClassesUse woven, Instrumentation instrumentation) {
    super(delegate, prefilter, discard, woven, instrumentation);
  }

  @Override
  protected void readsCore(Object module) {
    Module core = LaneContext.class.getModule();
    if (module != null && ((Module) module).isNamed() && !((Module) module).canRead(core)) {
      instrumentation.redefineModule((Module) module, Collections.singleton(core),
          Collections.<String, Set<Module>>emptyMap(), Collections.<String, Set<Module>>emptyMap(),
          Collections.<Class<?>>emptySet(), Collections.<Class<?>, List<Class<?>>>emptyMap());
    }
  }

  @Override
  public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    return prefiltered(module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }

  @Override
  protected byte[] delegate(Object module, ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    if (module == null) { // called through the pre-Java 9 entry point
      return super.delegate(null, loader, internalName, classBeingRedefined, protectionDomain, classFile);
    }
    ResettableClassFileTransformer byteBuddy = byteBuddy(internalName);
    return byteBuddy == null ? null
        : byteBuddy.transform((Module) module, loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }
}
