package io.laneagent.instrumentation.servlet;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Inbound lanes for every servlet container (Tomcat, Jetty, Undertow, …), javax and jakarta: the
 * outermost {@code Filter.doFilter} / {@code Servlet.service} on a thread sets the request's lanes,
 * and {@code AsyncContext.start} work keeps them.
 */
public final class ServletInstrumentation extends GroupInstrumentation {

  public ServletInstrumentation() {
    super("servlet",
        ServletEntryInstrumentation.servlet("javax.servlet", "io.laneagent.instrumentation.servlet.javax.JavaxServletEntryAdvice"),
        ServletEntryInstrumentation.filter("javax.servlet", "io.laneagent.instrumentation.servlet.javax.JavaxServletEntryAdvice"),
        new AsyncContextStartInstrumentation("javax.servlet"),
        ServletEntryInstrumentation.servlet("jakarta.servlet", "io.laneagent.instrumentation.servlet.jakarta.JakartaServletEntryAdvice"),
        ServletEntryInstrumentation.filter("jakarta.servlet", "io.laneagent.instrumentation.servlet.jakarta.JakartaServletEntryAdvice"),
        new AsyncContextStartInstrumentation("jakarta.servlet"));
  }
}
