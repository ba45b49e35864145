package io.laneagent.bootstrap;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How deep this thread is in calls advised under one key, for clients whose advised methods call each
 * other: the JDK's {@code HttpURLConnection.getInputStream} calls {@code connect}, and the https wrapper
 * calls the same methods on its delegate. Only the outermost call walks the headers — once per request,
 * so {@link LaneCounters} counts what the application's request had, not how often the JDK re-entered.
 *
 * <p>Advice pairs {@link #enter()} with {@link #exit()} in an exit advice that runs on throw as well.
 */
public final class CallDepth {

  private static final ConcurrentHashMap<String, CallDepth> BY_KEY = new ConcurrentHashMap<>();

  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

  private CallDepth() {}

  /** The depth counter for {@code key} (one per client family). */
  public static CallDepth of(String key) {
    CallDepth existing = BY_KEY.get(key);
    return existing != null ? existing : BY_KEY.computeIfAbsent(key, k -> new CallDepth());
  }

  /** Enters one more call; true when it is the outermost on this thread. */
  public boolean enter() {
    return depth.get()[0]++ == 0;
  }

  /** Leaves the call {@link #enter()} entered. */
  public void exit() {
    int[] d = depth.get();
    if (d[0] > 0) {
      d[0]--;
    }
  }
}
