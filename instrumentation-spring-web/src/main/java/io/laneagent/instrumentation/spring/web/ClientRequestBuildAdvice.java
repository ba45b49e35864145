package io.laneagent.instrumentation.spring.web;

import io.laneagent.bootstrap.OutboundHeaders;
import net.bytebuddy.asm.Advice;
import org.springframework.http.HttpHeaders;

/**
 * Inlined into WebClient's {@code DefaultClientRequestBuilder.build()}: the builder's own header map
 * (a private field, the same in Spring 5.3 to 7) gets the lanes current on this thread that the
 * application did not set.
 *
 * <p>Not the own lane: {@code build()} runs where the exchange is subscribed, which in a reactive
 * chain can be a thread outside any of the chain's signals, holding no lane although the chain has
 * one; an own lane written here would then win over the chain's. The transport adds the chain's lanes
 * or the own lane instead (reactor-netty from the Reactor context; the JDK and Apache clients from the
 * thread). WebClient on Jetty's reactive client, which the agent does not instrument, therefore sends
 * the current lane but not the own lane.
 */
public final class ClientRequestBuildAdvice {

  private ClientRequestBuildAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.FieldValue("headers") HttpHeaders headers) {
    if (headers == null) {
      return;
    }
    for (OutboundHeaders out = OutboundHeaders.startCurrentOnly("WebClient"); out != null && out.next(); ) {
      String value = out.valueGiven(headers.getFirst(out.name()));
      if (value != null) {
        headers.set(out.name(), value);
      }
    }
  }
}
