package io.laneagent.bootstrap;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.internal.shaded.WeakConcurrentMap;

/**
 * Lanes across thread hand-offs, without wrapping the application's tasks.
 *
 * <p>At hand-off ({@code execute}, {@code fork}, {@code Thread.start}, …) the submitter's context is
 * remembered for the task object in a weak identity map; where the task runs, it is made current for
 * exactly that run and the worker's previous state restored after. The task itself is never wrapped,
 * so {@code ThreadPoolExecutor.remove(task)}, {@code getQueue()}, {@code shutdownNow()} and
 * {@code beforeExecute}/{@code afterExecute} overrides see the application's own objects.
 *
 * <p>Only contexts that hold lanes are remembered: work handed off without a lane runs without one
 * (and then sends the own lane), and costs one map check.
 */
public final class LaneTasks {

  private static final WeakConcurrentMap<Object, Context> PENDING = new WeakConcurrentMap.WithInlinedExpunction<>();

  /** Set while JDK or framework code starts its own worker threads: those must not inherit a lane. */
  private static final ThreadLocal<boolean[]> SUPPRESSED = new ThreadLocal<boolean[]>() {
    @Override
    protected boolean[] initialValue() {
      return new boolean[1];
    }
  };

  private LaneTasks() {}

  /** Hand-off of {@code task}: it will run with the current lanes (or with none, if there are none now). */
  public static void capture(Object task) {
    if (task == null || !LaneContext.lanesSeen()) {
      return;
    }
    Context current = Context.current();
    if (LaneContext.hasLanes(current)) {
      if (LaneLog.isDebug()) {
        LaneLog.debug("hand-off of " + task.getClass().getName() + " on " + Thread.currentThread().getName());
      }
      PENDING.put(task, current);
    } else if (PENDING.approximateSize() > 0) {
      PENDING.remove(task); // a resubmitted task runs with the lanes of its latest hand-off
    }
  }

  /** A hand-off that did not happen (the executor rejected the task). */
  public static void forget(Object task) {
    if (task != null && PENDING.approximateSize() > 0) {
      PENDING.remove(task);
    }
  }

  /**
   * A pooled worker is about to run {@code task}: makes its hand-off lanes current, or no lanes at all
   * (a pooled thread never lends one task's lanes to the next). Returns the token for {@link #exit}.
   */
  public static Object enter(Object task) {
    if (!LaneContext.lanesSeen()) {
      return null; // no lane anywhere yet: the worker cannot hold one either
    }
    Context captured = take(task);
    Context target = captured != null ? captured : Context.root();
    return target == Context.current() ? null : target.makeCurrent();
  }

  /**
   * {@code task} may run where it was handed off or inline on its caller (a {@code ForkJoinTask}
   * joined by its forker, a thread's nested {@code run}): makes its hand-off lanes current if it has
   * some, else leaves the thread's lanes alone. Returns the token for {@link #exit}.
   */
  public static Object enterIfCaptured(Object task) {
    Context captured = take(task);
    return captured == null || captured == Context.current() ? null : captured.makeCurrent();
  }

  /** Ends what {@link #enter} or {@link #enterIfCaptured} started; null is a no-op. */
  public static void exit(Object token) {
    if (token instanceof Scope) {
      ((Scope) token).close();
    }
  }

  /** Starts suppressing captures on this thread (worker-thread creation); returns the previous state. */
  public static boolean suppress() {
    boolean[] flag = SUPPRESSED.get();
    boolean previous = flag[0];
    flag[0] = true;
    return previous;
  }

  /** Ends {@link #suppress} with the state it returned. */
  public static void restoreSuppression(boolean previous) {
    SUPPRESSED.get()[0] = previous;
  }

  public static boolean isSuppressed() {
    return SUPPRESSED.get()[0];
  }

  private static Context take(Object task) {
    if (task == null || PENDING.approximateSize() == 0) {
      return null;
    }
    Context captured = PENDING.remove(task);
    // Another agent's wrapper may run in place of the task we saw at the hand-off (see TaskWrappers).
    Object inner = task;
    for (int depth = 0; captured == null && depth < 3; depth++) {
      inner = TaskWrappers.unwrap(inner);
      if (inner == null) {
        break;
      }
      captured = PENDING.remove(inner);
    }
    if (captured != null) {
      LaneCounters.handOff();
    } else if (LaneLog.isDebug()) {
      LaneLog.debug("no hand-off lanes for " + task.getClass().getName() + " on " + Thread.currentThread().getName());
    }
    return captured;
  }

  /** For tests: whether a hand-off of {@code task} is remembered and not yet run. */
  static boolean isPending(Object task) {
    return PENDING.containsKey(task);
  }
}
