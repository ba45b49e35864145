package io.laneagent.instrumentation.spring.web;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code AbstractClientHttpRequest.execute()}: the one final method every Spring
 * {@code ClientHttpRequest} (all request factories, and the intercepting wrapper) sends through, on the
 * calling thread, while its headers can still change.
 */
final class ClientHttpRequestInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.springframework.http.client.AbstractClientHttpRequest");
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses("org.springframework.http.client.AbstractClientHttpRequest");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"execute()Lorg/springframework/http/client/ClientHttpResponse;"}, any(),
        "io.laneagent.instrumentation.spring.web.ClientHttpRequestExecuteAdvice");
  }
}
