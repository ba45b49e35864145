package io.laneagent.instrumentation.reactor;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code onAssembly} of one of Reactor's publisher types ({@code Mono}, {@code Flux} — also for
 * {@code ConnectableFlux} — and {@code ParallelFlux}): operators assembled in a lane are lifted, so lanes
 * follow the chain's signals across threads (see the reactor instrumentation). The helpers are defined in
 * Reactor's class loader.
 *
 * <p>Instead of a Reactor hook ({@code Hooks.onEachOperator}), whose machinery costs every assembly
 * ~15 ns even when it lifts nothing (+67 ns on a four-operator chain without lanes, measured): this check
 * is a few nanoseconds, and it also works when the agent is attached after Reactor was initialised.
 */
final class OnAssemblyInstrumentation extends NamedTypeInstrumentation {

  static final String[] HELPERS = {
      "io.laneagent.instrumentation.reactor.helpers.LaneSubscriber",
      "io.laneagent.instrumentation.reactor.helpers.LaneLifter",
      "io.laneagent.instrumentation.reactor.helpers.LaneLift"};

  private final String[] signatures;

  /** {@code kinds}: the publisher types whose {@code onAssembly(kind)kind} this class declares. */
  OnAssemblyInstrumentation(String type, String... kinds) {
    // Reactor 3.4+ (ContextView): the helpers are compiled against it and, unlike advice, are not
    // protected by suppress; on Reactor 3.3 they would fail inside every chain.
    super(type, "reactor.util.context.ContextView");
    signatures = new String[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      String descriptor = "Lreactor/core/publisher/" + kinds[i] + ";";
      signatures[i] = "onAssembly(" + descriptor + ")" + descriptor;
    }
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.helpers(HELPERS);
    target.apply(signatures, isStatic(), "io.laneagent.instrumentation.reactor.OnAssemblyAdvice");
  }
}
