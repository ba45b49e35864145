package io.laneagent.agent;

/**
 * Whether this JVM has modules (Java 9+). Byte Buddy's {@code JavaModule.isSupported()} says the same, but its class
 * initialiser sets up Byte Buddy's reflective dispatchers (dynamic proxies, a generated class): ~45 ms at premain,
 * which an install without Byte Buddy ({@link DeferredByteBuddy}) does not otherwise spend.
 */
final class JavaModules {

  static final boolean SUPPORTED = !System.getProperty("java.specification.version").startsWith("1.");

  private JavaModules() {}
}
