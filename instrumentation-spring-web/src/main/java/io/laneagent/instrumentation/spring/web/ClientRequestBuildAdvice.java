package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import net.bytebuddy.asm.Advice;
import org.springframework.http.HttpHeaders;

/**
 * Inlined into WebClient's {@code DefaultClientRequestBuilder.build()}: the builder's own header map
 * (a private field, the same in Spring 5.3 to 7) gets the lanes the application did not set.
 */
public final class ClientRequestBuildAdvice {

  private ClientRequestBuildAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.FieldValue("headers") HttpHeaders headers) {
    Lanes lanes = OutboundLanes.toSend();
    if (lanes.isEmpty() || headers == null) {
      return;
    }
    String[] names = OutboundLanes.headers();
    for (int i = 0; i < names.length; i++) {
      String value = lanes.get(i);
      if (value == null) {
        continue;
      }
      if (headers.getFirst(names[i]) != null) {
        OutboundLanes.keptApplicationHeader("WebClient", names[i]);
      } else {
        headers.add(names[i], value);
        OutboundLanes.injected("WebClient", names[i], value);
      }
    }
  }
}
