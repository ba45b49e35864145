package io.laneagent.instrumentation.http.jdkhttpclient;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.SingleTypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound lanes on {@code java.net.http.HttpClient.send} and {@code sendAsync} (Java 11+). The
 * request is immutable, so the advice passes a copy with the lane headers added; {@code sendAsync}
 * reads the lanes on the caller's thread, before the client's own threads take over.
 */
public final class JdkHttpClientInstrumentation extends SingleTypeInstrumentation {

  public JdkHttpClientInstrumentation() {
    super("jdk-httpclient");
  }

  @Override
  public boolean isSupported() {
    return JavaVersion.feature() >= 11;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe("java.net.http.HttpClient implementations",
        not(isAbstract()).and(hasSuperClass(named("java.net.http.HttpClient"))));
  }


  @Override
  public String[] installPassRoots() {
    return new String[] {"java.net.http.HttpClient"};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.anyLoader();
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "send(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;)Ljava/net/http/HttpResponse;",
            "sendAsync(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;)"
                + "Ljava/util/concurrent/CompletableFuture;",
            "sendAsync(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;"
                + "Ljava/net/http/HttpResponse$PushPromiseHandler;)Ljava/util/concurrent/CompletableFuture;"},
        isPublic()
            .and(takesArgument(0, named("java.net.http.HttpRequest"))),
        "io.laneagent.instrumentation.http.jdkhttpclient.HttpClientSendAdvice");
  }

  @Override
  public String supports() {
    return "java.net.http.HttpClient (JDK 11+)";
  }
}
