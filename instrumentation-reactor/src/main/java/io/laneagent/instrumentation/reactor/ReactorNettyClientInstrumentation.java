package io.laneagent.instrumentation.reactor;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.SingleTypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * reactor-netty's HTTP client (1.0 to 1.3): every request, direct or from WebClient or Spring Cloud
 * Gateway, is prepared by {@code HttpClientConnect.HttpClientHandler.requestWithBody} on the event
 * loop. The lanes come from the subscriber's Reactor context, where the inbound request (or the
 * subscribing thread, see the reactor instrumentation) put them; the event-loop thread holds none.
 */
public final class ReactorNettyClientInstrumentation extends SingleTypeInstrumentation {

  private static final String HANDLER = "reactor.netty.http.client.HttpClientConnect$HttpClientHandler";

  public ReactorNettyClientInstrumentation() {
    super("reactor-netty");
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named(HANDLER);
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {HANDLER};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    // reactor-netty 1.0+ (HttpClientConfig, currentContextView) on Reactor 3.4+ (ContextView)
    return Matchers.atVersionFloor(HANDLER,
        new String[] {"reactor.netty.http.client.HttpClientConfig", "reactor.util.context.ContextView"},
        "reactor-netty before 1.0 (Spring Boot 2.3 or older, Spring Cloud Gateway 2.2 or older) is not supported: "
            + "its HTTP client (WebClient, gateway routes) sends no lanes");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "requestWithBody(Lreactor/netty/http/client/HttpClientOperations;)Lorg/reactivestreams/Publisher;"},
        any(), "io.laneagent.instrumentation.reactor.ReactorNettyRequestAdvice");
  }

  @Override
  public String supports() {
    return "reactor-netty HttpClient 1.0.39 ... 1.3.6";
  }
}
