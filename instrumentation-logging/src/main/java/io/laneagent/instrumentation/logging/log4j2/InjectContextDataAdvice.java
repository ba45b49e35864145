package io.laneagent.instrumentation.logging.log4j2;

import io.laneagent.instrumentation.logging.log4j2.helpers.ContextDataWithLanes;
import net.bytebuddy.asm.Advice;
import org.apache.logging.log4j.util.StringMap;

/** Inlined at the end of {@code injectContextData}: the event's context data, with the lane and trace id. */
public final class InjectContextDataAdvice {

  private InjectContextDataAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false) StringMap contextData) {
    contextData = ContextDataWithLanes.of(contextData);
  }
}
