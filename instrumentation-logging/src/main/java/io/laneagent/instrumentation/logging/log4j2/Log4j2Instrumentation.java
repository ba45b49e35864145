package io.laneagent.instrumentation.logging.log4j2;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * The lane and trace id in Log4j2's log events ({@code lane.mdc}): the context data every
 * {@code ContextDataInjector} gives an event created in a lane gets them, under
 * {@code lane.mdc.lane-key} and {@code lane.mdc.trace-id-key}; the {@code ThreadContext} is never touched.
 */
public final class Log4j2Instrumentation extends GroupInstrumentation {

  public Log4j2Instrumentation() {
    super("log4j2", new ContextDataInjectorInstrumentation());
  }

  @Override
  public String supports() {
    return "Log4j2 2.17.0 ... 2.26.1 (every appender, async appenders and loggers too; Spring Boot's log4j2 starter)";
  }

  @Override
  public String switchedOffBy() {
    return "mdc";
  }
}
