package io.laneagent.instrumentation.http.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.SingleTypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound lanes on OkHttp 3.x, 4.x and 5.x: {@code OkHttpClient.newCall(Request)} gets a copy of the
 * request with the lane headers. The call is created on the caller's thread, so {@code execute} and
 * {@code enqueue} (which runs on OkHttp's dispatcher threads) both carry the lane current when the
 * application made the call. Feign's OkHttp client and Spring's OkHttp request factory go through here.
 */
public final class OkHttpInstrumentation extends SingleTypeInstrumentation {

  public OkHttpInstrumentation() {
    super("okhttp");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("okhttp3.OkHttpClient");
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {"okhttp3.OkHttpClient"};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses("okhttp3.OkHttpClient");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"newCall(Lokhttp3/Request;)Lokhttp3/Call;"}, any(),
        "io.laneagent.instrumentation.http.okhttp.OkHttpNewCallAdvice");
  }

  @Override
  public String supports() {
    return "OkHttp 3.12 ... 5.5";
  }
}
