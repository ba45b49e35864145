package io.laneagent.agent;

/**
 * Classes never woven, by name: our own by package, not by the io.laneagent. prefix (the test apps live under it
 * too), Byte Buddy, the JDK's reflection accessors, lambdas and CGLIB's fast classes. Byte Buddy's ignore matcher
 * is made from these lists ({@code AgentBuilders}); {@link PrefilteringTransformer} turns these classes away before
 * it reads them, and an install without Byte Buddy ({@link DeferredByteBuddy}) does not set it up for one. No Byte
 * Buddy type here: a run that never sets Byte Buddy up loads none for this check.
 */
final class IgnoredClasses {

  static final String[] PREFIXES = {"io.laneagent.agent.", "io.laneagent.bootstrap.", "io.laneagent.instrumentation.",
      "io.laneagent.shaded.", "net.bytebuddy.", "jdk.internal.reflect.", "sun.reflect."};
  static final String[] INFIXES = {"$$Lambda", "$$FastClassBySpringCGLIB$$"};
  private static final String[] INTERNAL_PREFIXES = new String[PREFIXES.length];

  static {
    for (int i = 0; i < PREFIXES.length; i++) {
      INTERNAL_PREFIXES[i] = PREFIXES[i].replace('.', '/');
    }
  }

  private IgnoredClasses() {}

  /** Whether the class of this internal name is never woven (false for null: a nameless class is not ours). */
  static boolean ignores(String internalName) {
    if (internalName == null) {
      return false;
    }
    for (String prefix : INTERNAL_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    for (String infix : INFIXES) {
      if (internalName.contains(infix)) {
        return true;
      }
    }
    return false;
  }
}
