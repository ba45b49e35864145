package io.laneagent.instrumentation.reactor;

import io.laneagent.bootstrap.OutboundHeaders;
import io.laneagent.bootstrap.ReactiveLanes;
import io.netty.handler.codec.http.HttpHeaders;
import net.bytebuddy.asm.Advice;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Inlined at the end of reactor-netty's {@code HttpClientConnect.HttpClientHandler.requestWithBody}:
 * the client's configured headers are on the request now ({@code HttpClient.headers(…)}, which is how
 * Spring Cloud Gateway forwards and rewrites them), and the caller's send function has been applied,
 * but nothing is on the wire yet (the returned publisher sends when subscribed). Headers WebClient
 * sets are applied on that subscription with {@code set}, so the application's value still wins.
 */
public final class ReactorNettyRequestAdvice {

  private ReactorNettyRequestAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Argument(0) Object operations) {
    if (!(operations instanceof HttpClientRequest)) {
      return;
    }
    HttpClientRequest request = (HttpClientRequest) operations;
    Object inContext = request.currentContextView().getOrDefault(ReactiveLanes.CONTEXT_KEY, null);
    HttpHeaders headers = request.requestHeaders();
    for (OutboundHeaders out = OutboundHeaders.start("reactor-netty", inContext); out != null && out.next(); ) {
      String value = out.valueGiven(headers.get(out.name()));
      if (value != null) {
        headers.set(out.name(), value);
      }
    }
  }
}
