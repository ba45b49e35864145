package io.laneagent.instrumentation.http.apache4;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code HttpRequestWrapper.wrap(…)}: HttpAsyncClient 4.x wraps the application's request in
 * {@code MainClientExec.prepare}, on the calling thread, before its I/O threads take over — the one
 * moment its lane is known. The classic client wraps there too (then {@link ClientExecAdvice} finds
 * the header present).
 */
final class RequestWrapperInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.http.client.methods.HttpRequestWrapper");
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses("org.apache.http.client.methods.HttpRequestWrapper");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "wrap(Lorg/apache/http/HttpRequest;)Lorg/apache/http/client/methods/HttpRequestWrapper;",
            "wrap(Lorg/apache/http/HttpRequest;Lorg/apache/http/HttpHost;)Lorg/apache/http/client/methods/HttpRequestWrapper;"},
        isStatic(), "io.laneagent.instrumentation.http.apache4.RequestWrapperWrapAdvice");
  }
}
