package io.laneagent.instrumentation.logging.logback;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * The constructor of {@code ch.qos.logback.classic.spi.LoggingEvent} that every logging call uses (its
 * logger, level, message, throwable and arguments; the same in 1.2 through 1.6): it runs on the thread
 * that logs, before any appender — asynchronous ones included — sees the event. The no-argument
 * constructor (events read back from a socket) is left alone.
 */
final class LoggingEventInstrumentation extends NamedTypeInstrumentation {

  LoggingEventInstrumentation() {
    super("ch.qos.logback.classic.spi.LoggingEvent");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"<init>(Ljava/lang/String;Lch/qos/logback/classic/Logger;Lch/qos/logback/classic/Level;"
            + "Ljava/lang/String;Ljava/lang/Throwable;[Ljava/lang/Object;)V"},
        any(), "io.laneagent.instrumentation.logging.logback.LoggingEventAdvice");
  }
}
