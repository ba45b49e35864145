package io.laneagent.instrumentation.feign;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.SingleTypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Outbound lanes on OpenFeign, whatever {@code feign.Client} runs underneath: the lane headers go into
 * the {@code RequestTemplate} when Feign turns it into a {@code Request} ({@code RequestTemplate.request()},
 * after the application's RequestInterceptors, on the calling thread). Every client then sends them —
 * the default one, OkHttp, Apache 4/5, Spring Cloud LoadBalancer's (which copies the headers to the
 * resolved instance) or any other. Where the client is instrumented too, it finds the header present
 * and adds nothing: exactly once.
 */
public final class FeignInstrumentation extends SingleTypeInstrumentation {

  public FeignInstrumentation() {
    super("feign");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("feign.RequestTemplate");
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {"feign.RequestTemplate"};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses("feign.RequestTemplate");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"request()Lfeign/Request;"}, any(),
        "io.laneagent.instrumentation.feign.RequestTemplateRequestAdvice");
  }

  @Override
  public String supports() {
    return "OpenFeign 10.12 ... 13.9.1 on any feign.Client; Spring Cloud OpenFeign 3.1 ... 5.0";
  }
}
