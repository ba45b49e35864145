package io.laneagent.testapp.springweb2;

import io.laneagent.testapp.Probe;
import java.util.Map;
import java.util.Objects;
import javax.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.OkHttp3ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A plain Spring Boot 2.7 MVC app (Spring 5.3, javax.servlet on Tomcat 9) that calls on with the Spring
 * 5.3 clients: RestTemplate on its JDK ({@code rt-simple}), HttpComponents 4 ({@code rt-hc4}) and OkHttp 3
 * ({@code rt-okhttp}) factories, WebClient on reactor-netty 1.0 ({@code webclient}) and Spring Cloud
 * OpenFeign 3.1 with a fixed url ({@code feign-url}). No lane code.
 */
@SpringBootApplication
@EnableFeignClients
@RestController
public class SpringWeb2App {

  @FeignClient(name = "by-url", url = "${downstream.url}")
  public interface ByUrl {
    @GetMapping("/next")
    String next(@RequestHeader Map<String, String> headers);

    @GetMapping("/hop-end")
    String hopEnd();
  }

  private final ByUrl byUrl;

  public SpringWeb2App(ByUrl byUrl) {
    this.byUrl = byUrl;
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringWeb2App.class, args);
  }

  @GetMapping("/probe")
  public String probe(HttpServletRequest request) throws Exception {
    return Probe.handle(request.getQueryString());
  }

  /**
   * The load benchmark's pair (benchmarks/pair-load.sh): {@code /hop} calls the other instance's
   * {@code /hop-end} over OpenFeign and answers with what it said — the {@code env} header it received.
   */
  @GetMapping("/hop")
  public String hop() {
    return byUrl.hopEnd();
  }

  @GetMapping("/hop-end")
  public String hopEnd(HttpServletRequest request) {
    return "env(" + request.getHeader("env") + ")";
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    restTemplate("rt-simple", new SimpleClientHttpRequestFactory());
    restTemplate("rt-hc4", new HttpComponentsClientHttpRequestFactory());
    restTemplate("rt-okhttp", new OkHttp3ClientHttpRequestFactory());
    WebClient webClient = WebClient.create();
    Probe.register("webclient", (target, headers) -> Objects.requireNonNull(webClient.get().uri(target)
        .headers(h -> headers.forEach(h::set)).retrieve().toBodilessEntity().block()).getStatusCode().value());
    Probe.register("feign-url", (target, headers) -> "ok".equals(byUrl.next(headers)) ? 200 : 500);
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }

  private static void restTemplate(String name, ClientHttpRequestFactory factory) {
    RestTemplate restTemplate = new RestTemplate(factory);
    Probe.register(name, (target, headers) -> {
      HttpHeaders httpHeaders = new HttpHeaders();
      headers.forEach(httpHeaders::set);
      return restTemplate.exchange(target, HttpMethod.GET, new HttpEntity<>(httpHeaders), String.class)
          .getStatusCodeValue();
    });
  }
}
