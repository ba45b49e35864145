package io.laneagent.bootstrap;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;

/**
 * The current lanes of this thread's work, kept in an opentelemetry-context {@link Context} (our
 * relocated copy: the application's or another agent's OpenTelemetry never sees it).
 *
 * <p>Inbound entry points {@link #enterInbound replace} whatever the thread had and restore it at
 * exit; hand-offs carry the {@link Context} with the task ({@link #wrap}).
 */
public final class LaneContext {

  /** Request attribute under which servlet advice keeps a request's {@link Lanes} across dispatches. */
  public static final String REQUEST_ATTRIBUTE = "io.laneagent.lanes";

  private static final ContextKey<Lanes> LANES = ContextKey.named("lane-agent-lanes");

  /**
   * Whether this thread is inside an inbound entry already (a filter chain, a forward). A plain
   * thread-local, not a Context entry, so that it never travels with a task to another thread.
   */
  private static final ThreadLocal<boolean[]> INBOUND_ACTIVE = new ThreadLocal<boolean[]>() {
    @Override
    protected boolean[] initialValue() {
      return new boolean[1];
    }
  };

  /**
   * Whether any work in this JVM has had lanes yet. Until then nothing can carry one, so hand-offs and
   * outbound calls skip the context entirely: that costs nothing before the first request with a lane
   * and, more importantly, leaves opentelemetry-context uninitialised during application start-up (its
   * storage creates a java.util.logging logger, which must not happen before JBoss-style log managers
   * are installed).
   */
  private static volatile boolean lanesSeen;

  private LaneContext() {}

  /** False until the first lanes are attached anywhere in this JVM. */
  public static boolean lanesSeen() {
    return lanesSeen;
  }

  /** The lanes of the current work, or {@link Lanes#EMPTY}. */
  public static Lanes current() {
    if (!lanesSeen) {
      return Lanes.EMPTY;
    }
    Lanes lanes = Context.current().get(LANES);
    return lanes == null ? Lanes.EMPTY : lanes;
  }

  /** Whether {@code context} holds any lanes. */
  public static boolean hasLanes(Context context) {
    Lanes lanes = context.get(LANES);
    return lanes != null && !lanes.isEmpty();
  }

  /** The lanes an outbound call made now must carry: the current ones, else the own lane. */
  public static Lanes outgoing() {
    return current().orElse(LaneSettings.current().localLanes());
  }

  /** {@code task} bound to the current context: it runs with the lanes current now. */
  public static Runnable wrap(Runnable task) {
    return lanesSeen ? Context.current().wrap(task) : task;
  }

  /** Makes {@code lanes} current for this thread until the returned scope is closed. */
  public static Scope attach(Lanes lanes) {
    return contextWith(lanes).makeCurrent();
  }

  /** True while this thread runs inside an inbound entry point; nested entries then do nothing. */
  public static boolean isInboundActive() {
    return INBOUND_ACTIVE.get()[0];
  }

  /**
   * Starts the outermost inbound scope on this thread with exactly {@code lanes} (the thread's
   * previous lanes are replaced, not inherited). Returns the token for {@link #exitInbound}.
   */
  public static Object enterInbound(Lanes lanes) {
    Object scope = enterCallback(lanes);
    INBOUND_ACTIVE.get()[0] = true;
    return scope;
  }

  private static final Scope NOTHING_TO_RESTORE = new Scope() {
    @Override
    public void close() {}
  };

  /** Ends the scope {@link #enterInbound} returned and restores what the thread had; null is a no-op. */
  public static void exitInbound(Object token) {
    if (token instanceof Scope) {
      INBOUND_ACTIVE.get()[0] = false;
      ((Scope) token).close();
    }
  }

  /**
   * Makes exactly {@code lanes} current for one callback of work whose lanes came in earlier (a gRPC
   * server call's listener methods): nothing the thread had is inherited, and it is restored by
   * {@link #exitCallback}. Unlike {@link #enterInbound} it does not mark the thread as inside an inbound
   * entry point, so it nests inside one (an in-process call run on the caller's thread). Returns the token.
   */
  public static Object enterCallback(Lanes lanes) {
    // Before any lanes were seen the thread cannot hold any: nothing to replace, no context to touch.
    return !lanesSeen && lanes.isEmpty() ? NOTHING_TO_RESTORE : contextWith(lanes).makeCurrent();
  }

  /** Ends what {@link #enterCallback} (or {@link #attach}) started, given as a plain object; null is a no-op. */
  public static void exitCallback(Object token) {
    if (token instanceof Scope) {
      ((Scope) token).close();
    }
  }

  private static Context contextWith(Lanes lanes) {
    // Context.root(), not current(): a request never inherits what a pooled thread had before.
    if (lanes.isEmpty()) {
      return Context.root();
    }
    lanesSeen = true;
    return Context.root().with(LANES, lanes);
  }
}
