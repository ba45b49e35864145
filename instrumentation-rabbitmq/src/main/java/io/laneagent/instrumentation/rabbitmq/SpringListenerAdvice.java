package io.laneagent.instrumentation.rabbitmq;

import io.laneagent.instrumentation.rabbitmq.helpers.SpringMessageLanes;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AbstractMessageListenerContainer.executeListener}: one message runs with its lanes; a
 * batch is handed on as a list that switches to each message's lanes while the listener iterates it.
 */
public final class SpringListenerAdvice {

  private SpringListenerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(@Advice.Argument(value = 1, readOnly = false) Object data) {
    Object scope = SpringMessageLanes.enter(data);
    data = SpringMessageLanes.laned(data);
    return scope;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object scope) {
    SpringMessageLanes.exit(scope);
  }
}
