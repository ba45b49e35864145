package io.laneagent.instrumentation.spring.web;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code AbstractClientHttpRequest.execute()}: the one final method every Spring
 * {@code ClientHttpRequest} (all request factories, and the intercepting wrapper) sends through, on the
 * calling thread, while its headers can still change.
 */
final class ClientHttpRequestInstrumentation extends NamedTypeInstrumentation {

  ClientHttpRequestInstrumentation() {
    super("org.springframework.http.client.AbstractClientHttpRequest");
  }


  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"execute()Lorg/springframework/http/client/ClientHttpResponse;"}, any(),
        "io.laneagent.instrumentation.spring.web.ClientHttpRequestExecuteAdvice");
  }
}
