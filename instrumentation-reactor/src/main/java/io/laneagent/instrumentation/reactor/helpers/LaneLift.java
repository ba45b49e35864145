package io.laneagent.instrumentation.reactor.helpers;

import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Operators;

/**
 * Wraps an operator assembled in a lane with Reactor's lift ({@code Operators.lift}), so that
 * {@link LaneLifter} sees each subscriber subscribing to it. The lift keeps the operator's kind (a
 * {@code Mono}, {@code Flux}, {@code ConnectableFlux}, {@code ParallelFlux}, fuseable or not).
 *
 * <p>A helper (it names Reactor's types): defined by the agent in the class loader that has Reactor.
 */
public final class LaneLift {

  private static final Function<? super Publisher<Object>, ? extends Publisher<Object>> LIFT =
      Operators.lift(new LaneLifter());

  private LaneLift() {}

  /** {@code assembled}, lifted. */
  @SuppressWarnings("unchecked")
  public static Object lift(Object assembled) {
    return LIFT.apply((Publisher<Object>) assembled);
  }
}
