package io.laneagent.instrumentation.spring.web;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Outbound lanes at Spring's own client abstractions, so that every transport Spring can use carries
 * them — including ones the agent does not instrument directly (Jetty's client, reactor-netty):
 * RestTemplate and RestClient through {@code AbstractClientHttpRequest.execute()}, WebClient through
 * the {@code ClientRequest} it builds when the exchange is subscribed.
 */
public final class SpringWebClientsInstrumentation extends GroupInstrumentation {

  public SpringWebClientsInstrumentation() {
    super("spring-web-clients",
        new ClientHttpRequestInstrumentation(), new WebClientRequestInstrumentation());
  }

  @Override
  public String supports() {
    return "Spring RestTemplate, RestClient, WebClient (Spring 5.3 ... 7.0)";
  }
}
