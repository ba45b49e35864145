package io.laneagent.instrumentation.servlet;

import io.laneagent.instrumentation.api.LaneInstrumentation;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Inbound lanes for every servlet container (Tomcat, Jetty, Undertow, …), javax and jakarta: the
 * outermost {@code Filter.doFilter} / {@code Servlet.service} on a thread sets the request's lanes,
 * and {@code AsyncContext.start} work keeps them.
 */
public final class ServletInstrumentation implements LaneInstrumentation {

  @Override
  public String name() {
    return "servlet";
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.asList(
        ServletEntryInstrumentation.servlet("javax.servlet", "io.laneagent.instrumentation.servlet.javax.JavaxServletEntryAdvice"),
        ServletEntryInstrumentation.filter("javax.servlet", "io.laneagent.instrumentation.servlet.javax.JavaxServletEntryAdvice"),
        new AsyncContextStartInstrumentation("javax.servlet"),
        ServletEntryInstrumentation.servlet("jakarta.servlet", "io.laneagent.instrumentation.servlet.jakarta.JakartaServletEntryAdvice"),
        ServletEntryInstrumentation.filter("jakarta.servlet", "io.laneagent.instrumentation.servlet.jakarta.JakartaServletEntryAdvice"),
        new AsyncContextStartInstrumentation("jakarta.servlet"));
  }
}
