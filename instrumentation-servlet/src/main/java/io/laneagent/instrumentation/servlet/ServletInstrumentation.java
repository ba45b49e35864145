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
        ServletEntryInstrumentation.servlet("javax.servlet"),
        ServletEntryInstrumentation.filter("javax.servlet"),
        new AsyncContextStartInstrumentation("javax.servlet"),
        ServletEntryInstrumentation.servlet("jakarta.servlet"),
        ServletEntryInstrumentation.filter("jakarta.servlet"),
        new AsyncContextStartInstrumentation("jakarta.servlet"));
  }

  @Override
  public String supports() {
    return "javax.servlet and jakarta.servlet containers (Tomcat 9 ... 11, Jetty 9.4 ... 12.1, Undertow 2.3)";
  }
}
