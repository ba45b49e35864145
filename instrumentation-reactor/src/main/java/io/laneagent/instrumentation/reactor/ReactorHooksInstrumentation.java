package io.laneagent.instrumentation.reactor;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code reactor.core.publisher.Hooks}: when Reactor initialises it (at the first operator assembled),
 * our lift hook is registered, so lanes follow every reactive chain across threads. The helpers it
 * uses are defined in Reactor's class loader.
 *
 * <p>Attached at run time after Reactor was initialised, the hook is not registered (a static
 * initialiser does not run twice); inbound lanes still reach reactor-netty clients through the
 * Reactor context.
 */
final class ReactorHooksInstrumentation extends NamedTypeInstrumentation {

  static final String[] HELPERS = {
      "io.laneagent.instrumentation.reactor.helpers.LaneSubscriber",
      "io.laneagent.instrumentation.reactor.helpers.LaneLifter",
      "io.laneagent.instrumentation.reactor.helpers.LaneOperatorHook"};

  ReactorHooksInstrumentation() {
    // Reactor 3.4+ (ContextView): the helpers are compiled against it and, unlike advice, are not
    // protected by suppress; on Reactor 3.3 they would fail inside every chain.
    super("reactor.core.publisher.Hooks", "reactor.util.context.ContextView");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.helpers(HELPERS);
    target.apply(new String[] {"<clinit>()V"}, any(), "io.laneagent.instrumentation.reactor.ReactorHooksAdvice");
  }
}
