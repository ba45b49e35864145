package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import java.io.InputStream;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Defines helper classes (see {@code AdviceTarget.helpers}) in an application's class loader, once
 * per loader, from the {@code .classdata} entries of the agent jar.
 *
 * <p>Uses {@code ClassLoader.defineClass} by reflection. On Java 9+ that needs {@code java.lang} opened
 * to the agent, which the agent does for itself through {@code Instrumentation.redefineModule} (no
 * {@code sun.misc.Unsafe}, so no JDK 24+ warning). Any failure propagates: the type that needed the
 * helpers is then left uninstrumented, rather than instrumented with advice that cannot link.
 */
final class HelperInjector {

  private static final String JAVA9_OPENER = "io.laneagent.agent.JavaLangOpener";

  private final Instrumentation instrumentation;
  private final Map<ClassLoader, Set<String>> defined = new WeakHashMap<>();
  private final Map<String, byte[]> bytes = new HashMap<>();
  private Method defineClass;
  /** A training run's dry install (see AgentInstaller): nothing is defined, as nothing is transformed. */
  private final boolean dryRun;
  /** A dry run's helpers for the class this thread transforms, for the woven-classes file (WovenClassesUse). */
  private final ThreadLocal<List<String>> requested = new ThreadLocal<List<String>>();

  HelperInjector(Instrumentation instrumentation, boolean dryRun) {
    this.instrumentation = instrumentation;
    this.dryRun = dryRun;
  }

  /** Defines those of {@code classNames} that {@code loader} does not have from us yet, in order. */
  synchronized void inject(ClassLoader loader, ProtectionDomain domain, String[] classNames) throws Exception {
    if (loader == null) {
      throw new IllegalStateException("helpers cannot go to the bootstrap class loader");
    }
    if (dryRun) {
      List<String> names = requested.get();
      if (names == null) {
        names = new ArrayList<>();
        requested.set(names);
      }
      names.addAll(Arrays.asList(classNames));
      return;
    }
    Set<String> done = defined.get(loader);
    if (done == null) {
      done = new HashSet<>();
      defined.put(loader, done);
    }
    for (String name : classNames) {
      if (done.contains(name)) {
        continue;
      }
      byte[] classFile = read(name);
      try {
        defineClass().invoke(loader, name, classFile, 0, classFile.length, domain);
      } catch (InvocationTargetException e) {
        if (!(e.getCause() instanceof LinkageError) || !alreadyThere(loader, name)) {
          throw e; // a duplicate definition (a second agent instance, a race we lost) is fine
        }
      }
      done.add(name);
      if (LaneLog.isDebug()) {
        LaneLog.debug("defined helper " + name + " in " + loader);
      }
    }
  }

  /** A dry run: the helpers requested on this thread since the last call, once. */
  String[] takeRequested() {
    List<String> names = requested.get();
    requested.remove();
    return names == null ? new String[0] : new LinkedHashSet<>(names).toArray(new String[0]);
  }

  private static boolean alreadyThere(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader).getClassLoader() == loader;
    } catch (Throwable e) {
      return false;
    }
  }

  private Method defineClass() throws Exception {
    if (defineClass == null) {
      if (JavaModules.SUPPORTED) {
        Class.forName(JAVA9_OPENER, true, HelperInjector.class.getClassLoader()).getDeclaredMethod("open", Instrumentation.class)
            .invoke(null, instrumentation);
      }
      Method method = ClassLoader.class.getDeclaredMethod("defineClass",
          String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
      method.setAccessible(true);
      defineClass = method;
    }
    return defineClass;
  }

  private byte[] read(String className) throws IOException {
    byte[] found = bytes.get(className);
    if (found != null) {
      return found;
    }
    String entryName = className.replace('.', '/') + ".classdata";
    // Through the loader that has the agent jar open already (ours, or the system loader, which -javaagent puts
    // the jar on): opening it again reads its ~3,500-entry directory each time, ~14 ms at start-up.
    ClassLoader agentLoader = HelperInjector.class.getClassLoader();
    InputStream in = (agentLoader != null ? agentLoader : ClassLoader.getSystemClassLoader()).getResourceAsStream(entryName);
    if (in == null) {
      throw new IOException("the agent jar has no " + entryName);
    }
    found = Streams.readAll(in); // closes it
    bytes.put(className, found);
    return found;
  }
}
