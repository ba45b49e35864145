package io.laneagent.testapp.tracing;

import io.laneagent.testapp.Probe;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * A Spring Boot 3 MVC app with a tracer inside: Micrometer Tracing on Brave, every request sampled
 * (server spans continue the inbound trace, client spans write its context — W3C {@code traceparent} or
 * B3, as {@code management.tracing.propagation.type} says). It calls on with the observed clients Boot
 * builds ({@code rt-observed}: RestTemplate from RestTemplateBuilder; {@code restclient-observed}:
 * RestClient from RestClient.Builder), and with plain HttpURLConnection ({@code urlconnection}), which no
 * tracer instruments. No lane code.
 */
@SpringBootApplication
@RestController
public class TracingApp {

  private final RestTemplate restTemplate;
  private final RestClient restClient;

  public TracingApp(RestTemplateBuilder restTemplates, RestClient.Builder restClients) {
    this.restTemplate = restTemplates.build();
    this.restClient = restClients.build();
  }

  public static void main(String[] args) {
    SpringApplication.run(TracingApp.class, args);
  }

  @GetMapping("/probe")
  public String probe(HttpServletRequest request) throws Exception {
    return Probe.handle(request.getQueryString());
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.register("rt-observed", (target, headers) -> {
      HttpHeaders httpHeaders = new HttpHeaders();
      headers.forEach(httpHeaders::set);
      return restTemplate.exchange(target, HttpMethod.GET, new HttpEntity<>(httpHeaders), String.class)
          .getStatusCode().value();
    });
    Probe.register("restclient-observed", (target, headers) -> restClient.get().uri(target)
        .headers(h -> headers.forEach(h::set)).retrieve().toBodilessEntity().getStatusCode().value());
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }
}
