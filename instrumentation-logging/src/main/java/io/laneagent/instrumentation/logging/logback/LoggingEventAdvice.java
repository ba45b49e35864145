package io.laneagent.instrumentation.logging.logback;

import ch.qos.logback.classic.spi.LoggingEvent;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.LogLanes;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of the logging constructor of {@code LoggingEvent}: in a lane, the event takes its
 * MDC copy now (Logback would take it on first use, on this thread, in the same way) and keeps it with
 * the lane and trace id added (see {@link LogLanes}). Outside a lane it does nothing.
 */
public final class LoggingEventAdvice {

  private LoggingEventAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This LoggingEvent event,
      @Advice.FieldValue(value = "mdcPropertyMap", readOnly = false) Map<String, String> mdcPropertyMap) {
    Lanes lanes = LogLanes.current();
    if (!lanes.isEmpty()) {
      // getMDCPropertyMap() fills the field from the MDC adapter; the field then holds our view over it
      mdcPropertyMap = LogLanes.withLanes(event.getMDCPropertyMap(), lanes);
    }
  }
}
