package io.laneagent.instrumentation.spring.web;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * WebClient's {@code DefaultClientRequestBuilder.build()}. WebClient builds its {@code ClientRequest}
 * when the exchange is subscribed ({@code block()}, {@code subscribe()}), on the subscribing thread —
 * so the lane is the caller's, not the event loop's — and before any connector (reactor-netty, Jetty,
 * JDK, HttpComponents) sees it. Filters that copy the request keep the header.
 */
final class WebClientRequestInstrumentation extends NamedTypeInstrumentation {

  WebClientRequestInstrumentation() {
    super(BUILDER);
  }

  private static final String BUILDER = "org.springframework.web.reactive.function.client.DefaultClientRequestBuilder";


  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"build()Lorg/springframework/web/reactive/function/client/ClientRequest;"}, any(),
        "io.laneagent.instrumentation.spring.web.ClientRequestBuildAdvice");
  }
}
