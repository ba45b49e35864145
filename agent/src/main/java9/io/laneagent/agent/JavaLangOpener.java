package io.laneagent.agent;

import java.lang.instrument.Instrumentation;
import java.util.Collections;
import java.util.Set;

/**
 * Opens {@code java.lang} (in {@code java.base}) to the agent's own module, so that
 * {@link HelperInjector} may call {@code ClassLoader.defineClass} — the same permission a
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} would give, but to the agent only, and without
 * {@code sun.misc.Unsafe}. Compiled for Java 9; called reflectively, only on Java 9+.
 */
final class JavaLangOpener {

  private JavaLangOpener() {}

  static void open(Instrumentation instrumentation) {
    Module agent = JavaLangOpener.class.getModule();
    Module base = Object.class.getModule();
    Set<Module> toAgent = Collections.singleton(agent);
    instrumentation.redefineModule(base, Collections.<Module>emptySet(),
        Collections.<String, Set<Module>>emptyMap(), Collections.singletonMap("java.lang", toAgent),
        Collections.<Class<?>>emptySet(), Collections.<Class<?>, java.util.List<Class<?>>>emptyMap());
  }
}
