package io.laneagent.instrumentation.http.apache4;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code HttpRequestWrapper.wrap(…)}: HttpAsyncClient 4.x wraps the application's request in
 * {@code MainClientExec.prepare}, on the calling thread, before its I/O threads take over — the one
 * moment its lane is known. The classic client wraps there too (then {@link ClientExecAdvice} finds
 * the header present).
 */
final class RequestWrapperInstrumentation extends NamedTypeInstrumentation {

  RequestWrapperInstrumentation() {
    super("org.apache.http.client.methods.HttpRequestWrapper");
  }


  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "wrap(Lorg/apache/http/HttpRequest;)Lorg/apache/http/client/methods/HttpRequestWrapper;",
            "wrap(Lorg/apache/http/HttpRequest;Lorg/apache/http/HttpHost;)Lorg/apache/http/client/methods/HttpRequestWrapper;"},
        isStatic(), "io.laneagent.instrumentation.http.apache4.RequestWrapperWrapAdvice");
  }
}
