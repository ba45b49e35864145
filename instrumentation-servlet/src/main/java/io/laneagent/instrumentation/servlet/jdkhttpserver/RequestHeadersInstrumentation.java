package io.laneagent.instrumentation.servlet.jdkhttpserver;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code getRequestHeaders()} of the JDK server's two exchange classes (http and https), which every
 * {@code HttpExchange} the application sees is or delegates to. The server's request headers are
 * unmodifiable since JDK 17 and live in the platform class loader (no helper class of ours can go
 * there), so an edge hands out a copy without the lane headers instead (see {@link RequestHeadersAdvice}).
 */
final class RequestHeadersInstrumentation extends NamedTypeInstrumentation {

  RequestHeadersInstrumentation(String exchangeClass) {
    super(exchangeClass, true);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"getRequestHeaders()Lcom/sun/net/httpserver/Headers;"}, any(),
        "io.laneagent.instrumentation.servlet.jdkhttpserver.RequestHeadersAdvice");
  }
}
