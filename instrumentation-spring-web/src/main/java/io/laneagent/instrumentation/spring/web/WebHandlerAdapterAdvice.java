package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.ReactiveLanes;
import net.bytebuddy.asm.Advice;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Inlined into WebFlux's {@code HttpWebHandlerAdapter.handle(request, response)}: the request's lanes
 * (or "explicitly none") go into the Reactor context of the whole handling, which the server
 * subscribes to after this returns — on an event loop, or on the servlet container's thread.
 */
public final class WebHandlerAdapterAdvice {

  private WebHandlerAdapterAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Lanes onEnter(@Advice.Argument(0) ServerHttpRequest request) {
    InboundLaneReader reader = InboundLaneReader.start();
    // forEach, not get(): HttpHeaders.get took an Object until Spring 7, a String since
    request.getHeaders().forEach(reader.byName());
    return reader.finish("WebFlux");
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Enter Lanes lanes, @Advice.Return(readOnly = false) Mono<Void> handling) {
    if (lanes != null && handling != null) {
      handling = handling.contextWrite(Context.of(ReactiveLanes.CONTEXT_KEY, lanes));
    }
  }
}
