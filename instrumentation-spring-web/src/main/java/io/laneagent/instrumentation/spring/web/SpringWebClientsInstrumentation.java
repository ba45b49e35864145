package io.laneagent.instrumentation.spring.web;

import io.laneagent.instrumentation.api.LaneInstrumentation;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.util.Arrays;
import java.util.List;

/**
 * Outbound lanes at Spring's own client abstractions, so that every transport Spring can use carries
 * them — including ones the agent does not instrument directly (Jetty's client, reactor-netty):
 * RestTemplate and RestClient through {@code AbstractClientHttpRequest.execute()}, WebClient through
 * the {@code ClientRequest} it builds when the exchange is subscribed.
 */
public final class SpringWebClientsInstrumentation implements LaneInstrumentation {

  @Override
  public String name() {
    return "spring-web-clients";
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return Arrays.<TypeInstrumentation>asList(new ClientHttpRequestInstrumentation(), new WebClientRequestInstrumentation());
  }
}
