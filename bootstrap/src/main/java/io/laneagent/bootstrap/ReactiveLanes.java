package io.laneagent.bootstrap;

/**
 * Lanes in reactive code (Project Reactor), where one request's work hops between event-loop and
 * worker threads: a thread-local alone is wrong there. The lanes travel in the chain's Reactor
 * {@code Context} under {@link #CONTEXT_KEY}; the reactor instrumentation makes them current on
 * whatever thread a signal of that chain runs, and reactive clients read them from the context.
 *
 * <p>JDK types only: the callers (inlined advice, and helper classes the agent defines in the
 * application's class loader next to Reactor) pass the context's value as a plain {@code Object}.
 */
public final class ReactiveLanes {

  /**
   * The Reactor {@code Context} key of a chain's {@link Lanes}. One object, in the bootstrap loader:
   * every copy of Reactor in the JVM sees the same key, and no application code can produce it.
   */
  public static final Object CONTEXT_KEY = new Object() {
    @Override
    public String toString() {
      return "lane-agent.lanes";
    }
  };

  private ReactiveLanes() {}

  /**
   * The lanes a subscriber's signals should run with, or null to leave it alone. {@code inContext}
   * is what its Reactor context holds under {@link #CONTEXT_KEY} (null if nothing): a chain that an
   * inbound request started has its lanes there (possibly {@link Lanes#EMPTY}, "explicitly none",
   * which needs no binding: threads hold lanes only inside scopes). A chain without that key —
   * assembled and subscribed by ordinary code, a servlet request calling WebClient, say — takes the
   * lanes current on the subscribing thread, as a task handed to an executor does.
   */
  public static Lanes toBind(Object inContext) {
    if (inContext instanceof Lanes) {
      Lanes lanes = (Lanes) inContext;
      return lanes.isEmpty() ? null : lanes;
    }
    if (inContext != null || !LaneContext.lanesSeen()) {
      return null;
    }
    Lanes current = LaneContext.current();
    return current.isEmpty() ? null : current;
  }

  /**
   * Whether an operator assembled now belongs to work with lanes: the lanes are current on this thread
   * (an inbound request's synchronous part, a signal of a chain with lanes, code inside a request). Only
   * such operators get the lane-restoring hook; chains assembled without lanes stay exactly as Reactor
   * builds them (fused, no extra operator), which is what a chain without a lane costs then: this check.
   */
  public static boolean assemblingInLane() {
    return LaneContext.lanesSeen() && !LaneContext.current().isEmpty();
  }

  /**
   * An inbound request's synchronous part (WebFlux's {@code handle}, which assembles the request's chain):
   * its lanes current on this thread (replacing what the thread had) until {@link #exitAssembly}.
   * Returns the token; never null.
   */
  public static Object enterAssembly(Lanes lanes) {
    return new Assembly(lanes, lanes.isEmpty() ? null : LaneContext.attach(lanes));
  }

  /** Ends {@link #enterAssembly}; returns the request's lanes (null for a foreign token). */
  public static Lanes exitAssembly(Object token) {
    if (!(token instanceof Assembly)) {
      return null;
    }
    Assembly assembly = (Assembly) token;
    if (assembly.scope != null) {
      assembly.scope.close();
    }
    return assembly.lanes;
  }

  private static final class Assembly {
    final Lanes lanes;
    final io.opentelemetry.context.Scope scope;

    Assembly(Lanes lanes, io.opentelemetry.context.Scope scope) {
      this.lanes = lanes;
      this.scope = scope;
    }
  }

  /** Makes {@code lanes} current for one signal; returns the token for {@link #exit} (null: nothing to undo). */
  public static Object enter(Lanes lanes) {
    return LaneContext.current().equals(lanes) ? null : LaneContext.attach(lanes);
  }

  /** Ends what {@link #enter} started; null is a no-op. */
  public static void exit(Object token) {
    if (token != null) {
      LaneContext.exitCallback(token);
    }
  }

  /**
   * The lanes an outbound call of a reactive client sends: the chain's ({@code inContext}, from its
   * Reactor context) if it has that key, else the current thread's; either way the own lane fills in
   * what they lack.
   */
  static Lanes outgoing(Object inContext) {
    if (inContext instanceof Lanes) {
      return ((Lanes) inContext).orElse(LaneSettings.current().localLanes());
    }
    return LaneContext.outgoing();
  }
}
