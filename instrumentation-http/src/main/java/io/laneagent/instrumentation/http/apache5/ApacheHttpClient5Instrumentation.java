package io.laneagent.instrumentation.http.apache5;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.LaneInstrumentation;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound lanes on Apache HttpClient 5.x (classic): {@code ExecRuntime.execute} (both overloads; the
 * request is the second argument of each), where every classic client finally sends a request, on the
 * calling thread. The standard client passes a copy of the
 * application's request down its chain (5.0+), so the application's own object is left alone; only
 * {@code HttpClients.createMinimal()} hands the original through.
 */
public final class ApacheHttpClient5Instrumentation implements LaneInstrumentation, TypeInstrumentation {

  private static final String EXEC_RUNTIME = "org.apache.hc.client5.http.classic.ExecRuntime";

  @Override
  public String name() {
    return "apache-httpclient-5";
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(this, new AsyncExecChainInstrumentation());
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe(EXEC_RUNTIME + " implementations", not(isInterface()).and(hasSuperType(named(EXEC_RUNTIME))));
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {EXEC_RUNTIME};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses(EXEC_RUNTIME);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "execute(Ljava/lang/String;Lorg/apache/hc/core5/http/ClassicHttpRequest;"
                + "Lorg/apache/hc/client5/http/protocol/HttpClientContext;)Lorg/apache/hc/core5/http/ClassicHttpResponse;",
            // 5.4+: the standard client's MainClientExec calls this one (with an informational-response callback)
            "execute(Ljava/lang/String;Lorg/apache/hc/core5/http/ClassicHttpRequest;"
                + "Lorg/apache/hc/core5/http/io/HttpResponseInformationCallback;"
                + "Lorg/apache/hc/client5/http/protocol/HttpClientContext;)Lorg/apache/hc/core5/http/ClassicHttpResponse;"},
        any(), "io.laneagent.instrumentation.http.apache5.ExecRuntimeExecuteAdvice");
  }

  @Override
  public String supports() {
    return "Apache HttpClient 5.0 ... 5.6 classic and async";
  }
}
