package io.laneagent.bootstrap;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's only logger: plain lines on stderr, prefixed {@code [lane-agent]}.
 *
 * <p>Deliberately not java.util.logging or any facade: touching JUL from an agent initialises the
 * {@code LogManager} before the application configured it (JBoss/WildFly set their own manager), and
 * a logging facade would be the application's, in the wrong class loader.
 */
public final class LaneLog {

  /** How long a rate-limited warning stays quiet after it was printed. */
  static final long WARN_INTERVAL_NANOS = 60_000_000_000L;

  private static final ConcurrentMap<String, RateLimit> LIMITS = new ConcurrentHashMap<>();
  private static final int MAX_LIMIT_KEYS = 1024;
  private static final ConcurrentMap<String, Boolean> ONCE = new ConcurrentHashMap<>();

  private static volatile PrintStream out = System.err;

  private LaneLog() {}

  public static void info(String message) {
    print("INFO", message);
  }

  public static void warn(String message) {
    print("WARN", message);
  }

  public static void warn(String message, Throwable error) {
    print("WARN", message + ": " + error);
  }

  public static boolean isDebug() {
    return LaneSettings.current().debug();
  }

  /** Only when {@code lane.debug} is on. */
  public static void debug(String message) {
    if (isDebug()) {
      print("DEBUG", message);
    }
  }

  /**
   * A warning printed once per {@code key} for the life of the JVM (a library version below what an
   * instrumentation supports, say). Keys are bounded like those of {@link #warnRateLimited}.
   */
  public static void warnOnce(String key, String message) {
    if (ONCE.size() < MAX_LIMIT_KEYS && ONCE.putIfAbsent(key, Boolean.TRUE) == null) {
      print("WARN", message);
    }
  }

  /**
   * A warning about something that can repeat per request (bad header values, say): printed at most
   * once a minute per {@code key}, with the count of the ones kept quiet since.
   */
  public static void warnRateLimited(String key, String message) {
    long suppressed = rateLimit(key);
    if (suppressed >= 0) {
      warnAfterRateLimit(message, suppressed);
    }
  }

  /**
   * {@link #warnRateLimited} in two steps, for a message that costs something to build: -1 when the warning
   * for {@code key} is to be kept quiet now (counted), else how many were kept quiet since the last one printed,
   * for {@link #warnAfterRateLimit}.
   */
  public static long rateLimit(String key) {
    RateLimit limit = LIMITS.get(key);
    if (limit == null) {
      if (LIMITS.size() >= MAX_LIMIT_KEYS - 1) {
        key = "(other)"; // keys are ours, but never let a map grow without bound (the last slot is this one)
      }
      // no lambda here: bootstrap code may run while java.lang.invoke is still initialising
      RateLimit fresh = new RateLimit();
      RateLimit raced = LIMITS.putIfAbsent(key, fresh);
      limit = raced == null ? fresh : raced;
    }
    return limit.tryAcquire(System.nanoTime());
  }

  /** Prints the warning {@link #rateLimit} let through; {@code suppressed}: what it returned. */
  public static void warnAfterRateLimit(String message, long suppressed) {
    print("WARN", suppressed == 0 ? message : message + " (" + suppressed + " more like it not logged)");
  }

  /** Tests point the log somewhere they can read. */
  static void redirect(PrintStream stream) {
    out = stream;
  }

  /** For tests: how many rate-limit keys are held (bounded). */
  static int rateLimitKeys() {
    return LIMITS.size();
  }

  static void resetRateLimits() {
    LIMITS.clear();
  }

  private static void print(String level, String message) {
    try {
      out.println("[lane-agent] " + level + " " + message);
    } catch (Throwable ignored) {
      // logging must never hurt the application
    }
  }

  private static final class RateLimit {
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    /** Returns the number suppressed since the last print if this call may print, else -1. */
    long tryAcquire(long now) {
      long next = nextAllowed.get();
      if ((next == Long.MIN_VALUE || now - next >= 0)
          && nextAllowed.compareAndSet(next, now + WARN_INTERVAL_NANOS)) {
        return suppressed.getAndSet(0);
      }
      suppressed.incrementAndGet();
      return -1;
    }
  }
}
