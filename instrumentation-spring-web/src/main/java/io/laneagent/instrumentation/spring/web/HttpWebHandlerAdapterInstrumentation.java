package io.laneagent.instrumentation.spring.web;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;
import io.laneagent.instrumentation.api.VersionFloor;

/** {@code HttpWebHandlerAdapter.handle}: the request's lanes go into the Reactor context of its handling. */
final class HttpWebHandlerAdapterInstrumentation extends NamedTypeInstrumentation {

  static final String ADAPTER = "org.springframework.web.server.adapter.HttpWebHandlerAdapter";
  static final String HANDLE = "handle(Lorg/springframework/http/server/reactive/ServerHttpRequest;"
      + "Lorg/springframework/http/server/reactive/ServerHttpResponse;)Lreactor/core/publisher/Mono;";

  HttpWebHandlerAdapterInstrumentation() {
    // contextWrite needs Reactor 3.4+ (ContextView); with an older Reactor the adapter is left alone, and
    // the agent says so once: such an application (Spring Boot 2.3 and older, Spring Cloud Gateway 2.2
    // and older) gets no lanes from its WebFlux requests
    super(ADAPTER, VersionFloor.requiring("reactor.util.context.ContextView").warnBelow(
        "Spring WebFlux on Reactor before 3.4 (Spring Boot 2.3 or older, Spring Cloud Gateway 2.2 or older) is not "
            + "supported: its requests carry no lanes and its outbound calls send no own lane")
        .whenPresent("reactor.core.publisher.Mono", "org.springframework.http.server.reactive.HttpHandler"));
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {HANDLE}, any(), "io.laneagent.instrumentation.spring.web.WebHandlerAdapterAdvice");
    target.helpers("io.laneagent.instrumentation.spring.web.helpers.LaneScopedMono");
  }
}
