package io.laneagent.instrumentation.servlet.jdkhttpserver;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * Every exchange of the JDK's {@code com.sun.net.httpserver} runs through {@code Filter.Chain.doFilter}
 * (the server's own filters, then the user's, then the handler), so that one JDK class is the entry
 * point, whatever handlers and filters the application registered.
 */
final class FilterChainInstrumentation extends NamedTypeInstrumentation {

  FilterChainInstrumentation() {
    super("com.sun.net.httpserver.Filter$Chain", true);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"doFilter(Lcom/sun/net/httpserver/HttpExchange;)V"}, any(),
        "io.laneagent.instrumentation.servlet.jdkhttpserver.FilterChainDoFilterAdvice");
  }
}
