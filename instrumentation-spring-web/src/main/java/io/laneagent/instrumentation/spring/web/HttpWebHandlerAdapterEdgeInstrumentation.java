package io.laneagent.instrumentation.spring.web;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * At an edge ({@code lane.trust-inbound=false}): the client's lane headers are removed from the
 * WebFlux request before anything sees it, so that a Spring Cloud Gateway route — which copies inbound
 * headers — forwards none of them (see {@code UntrustedLanes}). Needs nothing newer than Spring 5.0's
 * {@code ServerHttpRequest.mutate()}, so it also protects WebFlux versions whose lanes the agent does not
 * support.
 */
final class HttpWebHandlerAdapterEdgeInstrumentation extends NamedTypeInstrumentation {

  HttpWebHandlerAdapterEdgeInstrumentation() {
    super(HttpWebHandlerAdapterInstrumentation.ADAPTER);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {HttpWebHandlerAdapterInstrumentation.HANDLE}, any(),
        "io.laneagent.instrumentation.spring.web.WebHandlerAdapterEdgeAdvice");
    target.helpers("io.laneagent.instrumentation.spring.web.helpers.LaneHeadersRemover");
  }
}
