package io.laneagent.agent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the agent's run-time core — what advice calls from inside JDK classes: {@code io.laneagent.bootstrap}
 * and our relocated opentelemetry-context — into the bootstrap class loader by defining each of its
 * classes there, instead of appending the agent jar to the bootstrap class path. An appended boot class
 * path makes the JVM give up class data sharing for every class outside the boot loader ("Sharing is only
 * supported for boot loader classes because bootstrap classpath has been appended"), which costs a Spring
 * Boot service with an AppCDS archive or a JDK 24+ AOT cache most of what the archive saves.
 *
 * <p>The classes are defined with {@code jdk.internal.misc.Unsafe.defineClass} and a null loader; the
 * package is exported to the agent for that through {@code Instrumentation.redefineModule} (no
 * {@code --add-exports}, no {@code sun.misc.Unsafe}). The class files come from one entry of the jar, written at
 * build time in the order they must be defined, a class after its super class and interfaces ({@link CoreBundle}).
 * All of them are defined up front: the boot loader finds a class we defined by name, but cannot load one of
 * ours that we did not. Everything else of the agent (the installer, Byte Buddy, the instrumentations) stays
 * in the installer's class loader ({@code InstallerLoader}).
 *
 * <p>Compiled for Java 9; created reflectively on Java 9+ only. Any failure returns false, and the
 * caller falls back to the boot class path.
 */
final class BootLoaderDefiner {

  private BootLoaderDefiner() {}

  /**
   * Defines the core, read from {@code agentJarLoader}'s {@link CoreBundle}, in the bootstrap class loader; false
   * (nothing to rely on) when that is not possible.
   */
  static boolean define(Instrumentation instrumentation, ClassLoader agentJarLoader) {
    try {
      Module base = Object.class.getModule();
      Module agent = BootLoaderDefiner.class.getModule();
      instrumentation.redefineModule(base, Collections.<Module>emptySet(),
          Collections.singletonMap("jdk.internal.misc", Collections.singleton(agent)),
          Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
          Collections.<Class<?>, List<Class<?>>>emptyMap());
      Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
      Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
      Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
          ClassLoader.class, java.security.ProtectionDomain.class);
      Map<String, byte[]> classFiles;
      try (InputStream bundle = agentJarLoader.getResourceAsStream(CoreBundle.RESOURCE)) {
        if (bundle == null) {
          throw new IOException(CoreBundle.RESOURCE + " is not in the agent jar");
        }
        classFiles = CoreBundle.read(new BufferedInputStream(bundle, 64 * 1024));
      }
      for (Map.Entry<String, byte[]> classFile : classFiles.entrySet()) {
        byte[] bytes = classFile.getValue();
        defineClass.invoke(unsafe, classFile.getKey().replace('/', '.'), bytes, 0, bytes.length, null, null);
      }
      return true;
    } catch (Throwable e) {
      if (Boolean.getBoolean("lane.debug") || "true".equalsIgnoreCase(System.getenv("LANE_DEBUG"))) {
        System.err.println("[lane-agent] DEBUG could not define the core in the boot loader (" + e
            + "); appending the agent jar to the boot class path instead");
      }
      return false;
    }
  }
}
