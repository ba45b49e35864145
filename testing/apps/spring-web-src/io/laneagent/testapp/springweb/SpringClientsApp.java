package io.laneagent.testapp.springweb;

import io.laneagent.testapp.Probe;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Objects;
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
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.JettyClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A plain Spring Boot MVC app that calls on with every Spring client: RestTemplate on each request
 * factory ({@code rt-simple}, {@code rt-hc5}, {@code rt-jdk}, {@code rt-jetty}, {@code rt-reactor}, and
 * {@code rt-okhttp} where Spring still has it),
 * RestClient ({@code restclient}), WebClient on reactor-netty ({@code webclient}) and Spring Cloud
 * OpenFeign with a fixed url ({@code feign-url}) and through Spring Cloud LoadBalancer
 * ({@code feign-lb}, service {@code downstream} from the simple discovery client). No lane code.
 */
@SpringBootApplication
@EnableFeignClients
@RestController
public class SpringClientsApp {

  @FeignClient(name = "by-url", url = "${downstream.url}")
  public interface ByUrl {
    @GetMapping("/next")
    String next(@RequestHeader Map<String, String> headers);
  }

  @FeignClient(name = "downstream")
  public interface ByLoadBalancer {
    @GetMapping("/next")
    String next(@RequestHeader Map<String, String> headers);
  }

  private final ByUrl byUrl;
  private final ByLoadBalancer byLoadBalancer;

  public SpringClientsApp(ByUrl byUrl, ByLoadBalancer byLoadBalancer) {
    this.byUrl = byUrl;
    this.byLoadBalancer = byLoadBalancer;
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringClientsApp.class, args);
  }

  @GetMapping("/probe")
  public String probe(HttpServletRequest request) throws Exception {
    return Probe.handle(request.getQueryString());
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    restTemplate("rt-simple", new SimpleClientHttpRequestFactory());
    restTemplate("rt-hc5", new HttpComponentsClientHttpRequestFactory());
    restTemplate("rt-jdk", new JdkClientHttpRequestFactory());
    restTemplate("rt-jetty", new JettyClientHttpRequestFactory());
    restTemplate("rt-reactor", new ReactorClientHttpRequestFactory());
    optionalRestTemplate("rt-okhttp", "org.springframework.http.client.OkHttp3ClientHttpRequestFactory");
    RestClient restClient = RestClient.create();
    Probe.register("restclient", (target, headers) -> restClient.get().uri(target)
        .headers(h -> headers.forEach(h::set)).retrieve().toBodilessEntity().getStatusCode().value());
    WebClient webClient = WebClient.create();
    Probe.register("webclient", (target, headers) -> Objects.requireNonNull(webClient.get().uri(target)
        .headers(h -> headers.forEach(h::set)).retrieve().toBodilessEntity().block()).getStatusCode().value());
    Probe.register("feign-url", (target, headers) -> ok(byUrl.next(headers)));
    Probe.register("feign-lb", (target, headers) -> ok(byLoadBalancer.next(headers)));
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }

  private static void restTemplate(String name, ClientHttpRequestFactory factory) {
    RestTemplate restTemplate = new RestTemplate(factory);
    Probe.register(name, (target, headers) -> {
      HttpHeaders httpHeaders = new HttpHeaders();
      headers.forEach(httpHeaders::set);
      return restTemplate.exchange(target, HttpMethod.GET, new HttpEntity<>(httpHeaders), String.class)
          .getStatusCode().value();
    });
  }

  /** A factory only some Spring versions have (OkHttp's: deprecated in 6.1, gone in 7). */
  private static void optionalRestTemplate(String name, String factoryClass) {
    try {
      restTemplate(name, (ClientHttpRequestFactory) Class.forName(factoryClass).getConstructor().newInstance());
    } catch (ReflectiveOperationException | LinkageError absent) {
      // not in this Spring version: the test does not ask for it
    }
  }

  private static int ok(String body) {
    return "ok".equals(body) ? 200 : 500;
  }
}
