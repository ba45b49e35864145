package io.laneagent.instrumentation.http.urlconnection;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.SingleTypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound lanes on {@code java.net.HttpURLConnection} (the JDK's http and https implementations and
 * any other subclass). This also covers RestTemplate's default request factory and Feign's default
 * client. Headers are added in the first of {@code connect}, {@code getOutputStream} or
 * {@code getInputStream} that runs before the connection is made; the others see them set.
 */
public final class HttpUrlConnectionInstrumentation extends SingleTypeInstrumentation {

  public HttpUrlConnectionInstrumentation() {
    super("http-url-connection");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe("java.net.HttpURLConnection subclasses",
        not(isAbstract()).and(hasSuperClass(named("java.net.HttpURLConnection"))));
  }


  @Override
  public String[] installPassRoots() {
    return new String[] {"java.net.HttpURLConnection"};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.anyLoader();
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"connect()V", "getOutputStream()Ljava/io/OutputStream;", "getInputStream()Ljava/io/InputStream;"},
        isPublic(),
        "io.laneagent.instrumentation.http.urlconnection.HttpUrlConnectionAdvice");
  }

  @Override
  public String supports() {
    return "java.net.HttpURLConnection (http and https)";
  }
}
