package io.laneagent.instrumentation.reactor;

import io.laneagent.instrumentation.reactor.helpers.LaneOperatorHook;
import net.bytebuddy.asm.Advice;

/** Inlined at the end of {@code reactor.core.publisher.Hooks}' static initialiser. */
public final class ReactorHooksAdvice {

  private ReactorHooksAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit() {
    LaneOperatorHook.install();
  }
}
