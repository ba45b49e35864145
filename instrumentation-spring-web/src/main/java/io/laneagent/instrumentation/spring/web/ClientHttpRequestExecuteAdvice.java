package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import net.bytebuddy.asm.Advice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.AbstractClientHttpRequest;

/** Inlined into {@code AbstractClientHttpRequest.execute()}: the lanes go into the request's headers. */
public final class ClientHttpRequestExecuteAdvice {

  private ClientHttpRequestExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This AbstractClientHttpRequest request) {
    Lanes lanes = OutboundLanes.toSend();
    if (lanes.isEmpty()) {
      return;
    }
    HttpHeaders headers = request.getHeaders();
    String[] names = OutboundLanes.headers();
    for (int i = 0; i < names.length; i++) {
      String value = lanes.get(i);
      if (value == null) {
        continue;
      }
      if (headers.getFirst(names[i]) != null) { // HttpHeaders is case-insensitive
        OutboundLanes.keptApplicationHeader("Spring ClientHttpRequest", names[i]);
      } else {
        headers.add(names[i], value);
        OutboundLanes.injected("Spring ClientHttpRequest", names[i], value);
      }
    }
  }
}
