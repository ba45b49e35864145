package io.laneagent.instrumentation.spring.web;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.SingleTypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Inbound lanes for Spring WebFlux (and Spring Cloud Gateway, which is a WebFlux application), on
 * every server WebFlux runs on — reactor-netty, and Tomcat, Jetty or Undertow through the servlet
 * bridge: every request passes {@code HttpWebHandlerAdapter.handle}. The lanes travel in the Reactor
 * context of the request's handling (see the reactor instrumentation for how they follow it across
 * threads, and reactor-netty's client for how they leave).
 */
public final class WebFluxInboundInstrumentation extends SingleTypeInstrumentation {

  private static final String ADAPTER = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";

  public WebFluxInboundInstrumentation() {
    super("spring-webflux");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(ADAPTER);
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    // contextWrite needs Reactor 3.4+ (ContextView); with an older Reactor the adapter is left alone
    return Matchers.hasClasses(ADAPTER, "reactor.util.context.ContextView");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "handle(Lorg/springframework/http/server/reactive/ServerHttpRequest;"
                + "Lorg/springframework/http/server/reactive/ServerHttpResponse;)Lreactor/core/publisher/Mono;"},
        any(), "io.laneagent.instrumentation.spring.web.WebHandlerAdapterAdvice");
  }
}
