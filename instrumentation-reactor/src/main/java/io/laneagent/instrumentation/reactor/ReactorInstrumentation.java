package io.laneagent.instrumentation.reactor;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Lanes across Project Reactor operators: every signal of a chain that has lanes (in its Reactor
 * context, or current where it was subscribed) runs with them current, on whatever thread emits it.
 */
public final class ReactorInstrumentation extends GroupInstrumentation {

  public ReactorInstrumentation() {
    super("reactor", new ReactorHooksInstrumentation());
  }
}
