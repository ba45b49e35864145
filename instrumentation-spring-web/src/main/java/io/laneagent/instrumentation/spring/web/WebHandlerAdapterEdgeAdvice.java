package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.UntrustedLanes;
import io.laneagent.instrumentation.spring.web.helpers.LaneHeadersRemover;
import net.bytebuddy.asm.Advice;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Inlined at the start of WebFlux's {@code HttpWebHandlerAdapter.handle(request, response)} at an edge
 * ({@code lane.trust-inbound=false}): a request that carries a lane header is replaced by a copy
 * without it, before the exchange (and with it every filter, handler and gateway route) is built.
 */
public final class WebHandlerAdapterEdgeAdvice {

  private WebHandlerAdapterEdgeAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) ServerHttpRequest request) {
    if (request == null || !UntrustedLanes.hidden()) {
      return;
    }
    UntrustedLanes.Presence presence = UntrustedLanes.presence();
    // forEach, not containsKey(): HttpHeaders stopped being a Map in Spring 7
    request.getHeaders().forEach(presence);
    if (presence.found()) {
      request = request.mutate().headers(new LaneHeadersRemover(presence.visibleBaggage())).build();
      UntrustedLanes.hiddenAt("WebFlux");
    }
  }
}
