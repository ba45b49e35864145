package io.laneagent.instrumentation.spring.web;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Inbound lanes for Spring WebFlux (and Spring Cloud Gateway, which is a WebFlux application), on
 * every server WebFlux runs on — reactor-netty, and Tomcat, Jetty or Undertow through the servlet
 * bridge: every request passes {@code HttpWebHandlerAdapter.handle}. The lanes travel in the Reactor
 * context of the request's handling (see the reactor instrumentation for how they follow it across
 * threads, and reactor-netty's client for how they leave); at an edge the client's lane headers are
 * removed from the request first.
 */
public final class WebFluxInstrumentation extends GroupInstrumentation {

  public WebFluxInstrumentation() {
    super("spring-webflux", new HttpWebHandlerAdapterEdgeInstrumentation(), new HttpWebHandlerAdapterInstrumentation());
  }

  @Override
  public String supports() {
    return "Spring WebFlux 5.3 ... 7.0 on any server; Spring Cloud Gateway 3.1 ... 5.0";
  }
}
