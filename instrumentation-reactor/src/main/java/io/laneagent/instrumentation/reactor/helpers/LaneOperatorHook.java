package io.laneagent.instrumentation.reactor.helpers;

import reactor.core.publisher.Hooks;
import reactor.core.publisher.Operators;

/**
 * Registers {@link LaneLifter} on every Reactor operator ({@code Hooks.onEachOperator}), under our own
 * key so that the application's hooks (Micrometer, Sleuth, its own) are left alone. Called when Reactor
 * initialises its {@code Hooks} class, before the first operator is assembled.
 *
 * <p>This class and the other two in this package are helpers: they implement Reactor's interfaces,
 * so the agent defines them in the class loader that loaded Reactor, from {@code .classdata} entries
 * of the agent jar that the bootstrap class loader cannot see.
 */
public final class LaneOperatorHook {

  /** The hook's key: a second registration (another copy of these helpers) replaces the first. */
  static final String KEY = "io.laneagent.lanes";

  private LaneOperatorHook() {}

  public static void install() {
    Hooks.onEachOperator(KEY, Operators.lift(new LaneLifter()));
  }
}
