package io.laneagent.instrumentation.spring.web;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * WebClient's {@code DefaultClientRequestBuilder.build()}. WebClient builds its {@code ClientRequest}
 * when the exchange is subscribed ({@code block()}, {@code subscribe()}), on the subscribing thread —
 * so the lane is the caller's, not the event loop's — and before any connector (reactor-netty, Jetty,
 * JDK, HttpComponents) sees it. Filters that copy the request keep the header.
 */
final class WebClientRequestInstrumentation implements TypeInstrumentation {

  private static final String BUILDER = "org.springframework.web.reactive.function.client.DefaultClientRequestBuilder";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(BUILDER);
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses(BUILDER);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"build()Lorg/springframework/web/reactive/function/client/ClientRequest;"}, any(),
        "io.laneagent.instrumentation.spring.web.ClientRequestBuildAdvice");
  }
}
