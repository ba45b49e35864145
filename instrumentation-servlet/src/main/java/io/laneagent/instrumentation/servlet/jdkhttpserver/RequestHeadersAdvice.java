package io.laneagent.instrumentation.servlet.jdkhttpserver;

import com.sun.net.httpserver.Headers;
import io.laneagent.bootstrap.UntrustedLanes;
import net.bytebuddy.asm.Advice;

/**
 * Inlined at the end of the JDK server's {@code HttpExchange.getRequestHeaders()}: at an edge
 * ({@code lane.trust-inbound=false}) a request that carries a lane header is seen without it — a copy
 * of its headers, made only for such requests (a handler that proxies copies nothing of the client's
 * lanes). Elsewhere it returns the server's own headers, untouched.
 */
public final class RequestHeadersAdvice {

  private RequestHeadersAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false) Headers headers) {
    if (headers != null && UntrustedLanes.hidden() && UntrustedLanes.anyIn(headers)) {
      Headers visible = new Headers();
      visible.putAll(headers);
      UntrustedLanes.removeFrom(visible);
      headers = visible;
    }
  }
}
