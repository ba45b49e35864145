package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.OutboundHeaders;
import net.bytebuddy.asm.Advice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.AbstractClientHttpRequest;

/** Inlined into {@code AbstractClientHttpRequest.execute()}: the lanes go into the request's headers. */
public final class ClientHttpRequestExecuteAdvice {

  private ClientHttpRequestExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This AbstractClientHttpRequest request) {
    HttpHeaders headers = request.getHeaders();
    for (OutboundHeaders out = OutboundHeaders.start("Spring ClientHttpRequest"); out != null && out.next(); ) {
      if (headers.getFirst(out.name()) != null) { // HttpHeaders is case-insensitive
        out.keptApplicationHeader();
      } else {
        headers.add(out.name(), out.value());
        out.injected();
      }
    }
  }
}
