package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.OutboundHeaders;
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
    if (headers == null) {
      return;
    }
    for (OutboundHeaders out = OutboundHeaders.start("WebClient"); out != null && out.next(); ) {
      if (headers.getFirst(out.name()) != null) {
        out.keptApplicationHeader();
      } else {
        headers.add(out.name(), out.value());
        out.injected();
      }
    }
  }
}
