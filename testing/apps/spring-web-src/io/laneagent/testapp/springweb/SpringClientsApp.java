package io.laneagent.testapp.springweb;

import io.laneagent.testapp.Probe;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
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
 * ({@code feign-lb}, service {@code downstream} from the simple discovery client); {@code @Async} on
 * Boot's task executor ({@code via=async}) and on a SimpleAsyncTaskExecutor ({@code via=async-simple}),
 * TaskScheduler one-shot and periodic jobs, and a {@code @Scheduled} job (ScheduledCalls). No lane code.
 */
@SpringBootApplication
@EnableFeignClients
@EnableAsync
@EnableScheduling
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
  private final AsyncCalls asyncCalls;
  private final TaskScheduler taskScheduler;

  public SpringClientsApp(ByUrl byUrl, ByLoadBalancer byLoadBalancer, AsyncCalls asyncCalls, TaskScheduler taskScheduler) {
    this.byUrl = byUrl;
    this.byLoadBalancer = byLoadBalancer;
    this.asyncCalls = asyncCalls;
    this.taskScheduler = taskScheduler;
  }

  /** A SimpleAsyncTaskExecutor on platform threads (Boot's own uses one only on virtual threads). */
  private final SimpleAsyncTaskExecutor simpleAsync = new SimpleAsyncTaskExecutor("simple-async-");

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
    Probe.registerHandOff("async", p -> asyncCalls.onTaskExecutor(withoutVia(p)).get(20, TimeUnit.SECONDS));
    Probe.registerHandOff("async-simple", p -> {
      Map<String, String> params = withoutVia(p);
      return simpleAsync.submitCompletable(() -> Probe.call(params)).get(20, TimeUnit.SECONDS);
    });
    Probe.registerHandOff("async-thread-name", p -> asyncThreadName());
    Probe.registerHandOff("taskscheduler-once", p -> {
      CompletableFuture<String> result = new CompletableFuture<>();
      Map<String, String> params = withoutVia(p);
      taskScheduler.schedule(() -> complete(result, params), Instant.now().plusMillis(5));
      return result.get(20, TimeUnit.SECONDS);
    });
    Probe.registerHandOff("taskscheduler-periodic", p -> {
      CompletableFuture<String> result = new CompletableFuture<>();
      Map<String, String> params = withoutVia(p);
      AtomicInteger runs = new AtomicInteger();
      ScheduledFuture<?> job = taskScheduler.scheduleAtFixedRate(() -> {
        if (runs.incrementAndGet() == 2) {
          complete(result, params);
        }
      }, Duration.ofMillis(5));
      try {
        return result.get(20, TimeUnit.SECONDS);
      } finally {
        job.cancel(false);
      }
    });
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

  /** Which thread Boot's task executor runs on ("virtual" or its name), for the test to check the mode. */
  private String asyncThreadName() throws Exception {
    return asyncCalls.threadName().get(20, TimeUnit.SECONDS);
  }

  private static Map<String, String> withoutVia(Map<String, String> params) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.remove("via");
    return copy;
  }

  private static void complete(CompletableFuture<String> result, Map<String, String> params) {
    try {
      result.complete(Probe.call(params));
    } catch (Exception e) {
      result.completeExceptionally(e);
    }
  }

  private static int ok(String body) {
    return "ok".equals(body) ? 200 : 500;
  }
}
