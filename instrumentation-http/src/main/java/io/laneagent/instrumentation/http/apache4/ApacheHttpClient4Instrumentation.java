package io.laneagent.instrumentation.http.apache4;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.LaneInstrumentation;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound lanes on Apache HttpClient 4.3+ (classic). The last element of every client's execution
 * chain ({@code MainClientExec}, or {@code MinimalClientExec} for minimal clients) receives an
 * {@code HttpRequestWrapper}: a per-execution copy of the application's request, so adding headers
 * there never changes the application's own request object (which it may reuse in another lane).
 * Runs on the calling thread; retries and redirects pass through again and are covered too.
 */
public final class ApacheHttpClient4Instrumentation implements LaneInstrumentation, TypeInstrumentation {
  // HttpAsyncClient 4.x is covered too, by RequestWrapperInstrumentation.

  @Override
  public String name() {
    return "apache-httpclient-4";
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(this, new RequestWrapperInstrumentation());
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return namedOneOf("org.apache.http.impl.execchain.MainClientExec", "org.apache.http.impl.execchain.MinimalClientExec");
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {"org.apache.http.impl.execchain.MainClientExec", "org.apache.http.impl.execchain.MinimalClientExec"};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses("org.apache.http.client.methods.HttpRequestWrapper");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "execute(Lorg/apache/http/conn/routing/HttpRoute;Lorg/apache/http/client/methods/HttpRequestWrapper;"
                + "Lorg/apache/http/client/protocol/HttpClientContext;Lorg/apache/http/client/methods/HttpExecutionAware;)"
                + "Lorg/apache/http/client/methods/CloseableHttpResponse;"},
        any(), "io.laneagent.instrumentation.http.apache4.ClientExecAdvice");
  }

  @Override
  public String supports() {
    return "Apache HttpClient 4.3 ... 4.5 classic, HttpAsyncClient 4.0 ... 4.1";
  }
}
