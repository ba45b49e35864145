package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.ReactiveLanes;
import io.laneagent.instrumentation.spring.web.helpers.LaneScopedMono;
import net.bytebuddy.asm.Advice;
import org.springframework.http.server.reactive.ServerHttpRequest;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Inlined into WebFlux's {@code HttpWebHandlerAdapter.handle(request, response)}: the request's lanes
 * (or "explicitly none") go into the Reactor context of the whole handling, which the server
 * subscribes to after this returns — on an event loop, or on the servlet container's thread. While the
 * handling is assembled here, and while the server subscribes to it, the lanes are current on the
 * thread too, so that the operators of the request's chain are assembled "in a lane" (the reactor
 * instrumentation lifts only those).
 */
public final class WebHandlerAdapterAdvice {

  private WebHandlerAdapterAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(@Advice.Argument(0) ServerHttpRequest request) {
    InboundLaneReader reader = InboundLaneReader.start();
    // forEach, not get(): HttpHeaders.get took an Object until Spring 7, a String since
    request.getHeaders().forEach(reader.byName());
    Lanes lanes = reader.finish("WebFlux");
    return ReactiveLanes.enterAssembly(lanes);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object assembly, @Advice.Return(readOnly = false) Mono<Void> handling) {
    Lanes lanes = ReactiveLanes.exitAssembly(assembly);
    if (lanes != null && handling != null) {
      handling = handling.contextWrite(Context.of(ReactiveLanes.CONTEXT_KEY, lanes));
      if (!lanes.isEmpty()) {
        handling = new LaneScopedMono<Void>(handling, lanes);
      }
    }
  }
}
