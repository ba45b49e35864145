package io.laneagent.instrumentation.logging.logback;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * The lane and trace id in Logback's log events ({@code lane.mdc}): every {@code LoggingEvent} created
 * while work runs in a lane gets them in its MDC copy, under {@code lane.mdc.lane-key} and
 * {@code lane.mdc.trace-id-key}. The event's copy is augmented, never the MDC thread-local.
 */
public final class LogbackInstrumentation extends GroupInstrumentation {

  public LogbackInstrumentation() {
    super("logback", new LoggingEventInstrumentation());
  }

  @Override
  public String supports() {
    return "Logback 1.2.0 ... 1.6.6 (every appender, AsyncAppender too; Spring Boot 2.7 ... 4.0 defaults)";
  }

  @Override
  public String switchedOffBy() {
    return "mdc";
  }
}
