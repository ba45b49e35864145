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
    for (OutboundHeaders out = OutboundHeaders.startAboveTransport("Spring ClientHttpRequest"); out != null && out.next(); ) {
      String value = out.valueGiven(headers.getFirst(out.name())); // HttpHeaders is case-insensitive
      if (value != null) {
        headers.set(out.name(), value);
      }
    }
  }
}
