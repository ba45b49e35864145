package io.laneagent.instrumentation.servlet.jdkhttpserver;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every exchange of the JDK's {@code com.sun.net.httpserver} runs through {@code Filter.Chain.doFilter}
 * (the server's own filters, then the user's, then the handler), so that one JDK class is the entry
 * point, whatever handlers and filters the application registered.
 */
final class FilterChainInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("com.sun.net.httpserver.Filter$Chain");
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.anyLoader();
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"doFilter(Lcom/sun/net/httpserver/HttpExchange;)V"}, any(),
        "io.laneagent.instrumentation.servlet.jdkhttpserver.FilterChainDoFilterAdvice");
  }
}
