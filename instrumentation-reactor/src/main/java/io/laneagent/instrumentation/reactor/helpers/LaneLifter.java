package io.laneagent.instrumentation.reactor.helpers;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.ReactiveLanes;
import java.util.function.BiFunction;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.util.context.Context;

/**
 * Runs when a subscriber subscribes to an operator (Reactor's lift hook): puts a
 * {@link LaneSubscriber} in front of it when the chain has lanes — from its Reactor context (an
 * inbound request put them there) or, failing that, from the subscribing thread (ordinary code that
 * subscribes inside a request). Lanes taken from the thread are also added to the context seen
 * upstream, so reactive clients further up (reactor-netty) read them there.
 *
 * <p>Chains without lanes are left exactly as they are.
 */
final class LaneLifter implements BiFunction<Scannable, CoreSubscriber<? super Object>, CoreSubscriber<? super Object>> {

  @Override
  public CoreSubscriber<? super Object> apply(Scannable operator, CoreSubscriber<? super Object> actual) {
    Context context = actual.currentContext();
    Object inContext = context.getOrDefault(ReactiveLanes.CONTEXT_KEY, null);
    Lanes lanes = ReactiveLanes.toBind(inContext);
    if (lanes == null) {
      return actual;
    }
    if (actual instanceof LaneSubscriber && lanes.equals(((LaneSubscriber<?>) actual).lanes())) {
      return actual; // already bound: a lifted operator wrapping another
    }
    if (inContext == null) {
      context = context.put(ReactiveLanes.CONTEXT_KEY, lanes);
    }
    return new LaneSubscriber<>(actual, lanes, context);
  }
}
