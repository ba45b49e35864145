package io.laneagent.instrumentation.reactor;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Lanes across Project Reactor operators: every signal of a chain that has lanes (in its Reactor
 * context, or current where it was subscribed) runs with them current, on whatever thread emits it.
 * Operators assembled with lanes current on the thread are lifted at assembly ({@code onAssembly});
 * at subscription {@code LaneLifter} puts a lane-restoring subscriber in front of the ones whose chain
 * has lanes. Chains assembled without lanes are left exactly as Reactor builds them.
 */
public final class ReactorInstrumentation extends GroupInstrumentation {

  public ReactorInstrumentation() {
    super("reactor",
        new OnAssemblyInstrumentation("reactor.core.publisher.Mono", "Mono"),
        new OnAssemblyInstrumentation("reactor.core.publisher.Flux", "Flux", "ConnectableFlux"),
        new OnAssemblyInstrumentation("reactor.core.publisher.ParallelFlux", "ParallelFlux"));
  }

  @Override
  public String supports() {
    return "Reactor 3.4 ... 3.8";
  }
}
