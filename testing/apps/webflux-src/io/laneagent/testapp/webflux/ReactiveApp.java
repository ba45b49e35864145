package io.laneagent.testapp.webflux;

import io.laneagent.testapp.Probe;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * A Spring WebFlux app — on reactor-netty and a Spring Cloud Gateway too (GatewayRoutes), or on Tomcat
 * through Spring's servlet bridge (built without the gateway). No lane code.
 *
 * <p>{@code /probe?client=…&target=…&id=…} calls the downstream from reactive code in many shapes (see
 * {@link #call}).
 */
@SpringBootApplication
@RestController
public class ReactiveApp {

  private final WebClient webClient = WebClient.create();
  private final HttpClient nettyClient = HttpClient.create();

  public static void main(String[] args) {
    SpringApplication.run(ReactiveApp.class, args);
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }

  @GetMapping("/probe")
  public Mono<String> probe(@RequestParam Map<String, String> params) {
    String client = params.getOrDefault("client", "webclient");
    String id = params.getOrDefault("id", "-");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-probe-id", id);
    if (params.get("appHeader") != null) {
      headers.put(params.getOrDefault("appHeaderName", "env"), params.get("appHeader"));
    }
    return call(client, params.get("target"), headers).map(status -> "called " + id + " via " + client + ": " + status);
  }

  /** One downstream call made from reactive code; emits the status code. */
  private Mono<Integer> call(String client, String target, Map<String, String> headers) {
    switch (client) {
      case "webclient": // on the event loop that handles the request
        return webClient(target, headers);
      case "webclient-publishon": // after a hop to a boundedElastic worker
        return Mono.just(target).publishOn(Schedulers.boundedElastic()).flatMap(t -> webClient(t, headers));
      case "webclient-subscribeon": // subscribed on a parallel worker
        return webClient(target, headers).subscribeOn(Schedulers.parallel());
      case "webclient-chained": // the second call is made on the event loop that got the first response
        return webClient(target, with(headers, "x-probe-id", headers.get("x-probe-id") + "-first"))
            .flatMap(first -> webClient(target, headers));
      case "webclient-delay": // on the parallel scheduler's timer
        return Mono.delay(Duration.ofMillis(5)).flatMap(tick -> webClient(target, headers));
      case "webclient-timeout": // the fallback is subscribed when the timeout fires, on the timer thread
        return Mono.<Integer>never().timeout(Duration.ofMillis(10), Mono.defer(() -> webClient(target, headers)));
      case "webclient-detached": // a separate chain, subscribed from a boundedElastic worker; not awaited
        return Mono.just(target).publishOn(Schedulers.boundedElastic())
            .doOnNext(t -> webClient(t, headers).subscribe())
            .map(t -> 200);
      case "netty": // reactor-netty's HttpClient, directly
        return netty(target, headers);
      case "netty-publishon":
        return Mono.just(target).publishOn(Schedulers.boundedElastic()).flatMap(t -> netty(t, headers));
      case "blocking-boundedelastic": // a blocking JDK client inside Mono.fromCallable on boundedElastic
        return Mono.fromCallable(() -> blockingCall(target, headers)).subscribeOn(Schedulers.boundedElastic());
      default:
        return Mono.error(new IllegalArgumentException("unknown client " + client));
    }
  }

  private Mono<Integer> webClient(String target, Map<String, String> headers) {
    return webClient.get().uri(target).headers(h -> headers.forEach(h::set)).retrieve().toBodilessEntity()
        .map(entity -> entity.getStatusCode().value());
  }

  private Mono<Integer> netty(String target, Map<String, String> headers) {
    return nettyClient.headers(h -> headers.forEach(h::set)).get().uri(target)
        .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(b -> response.status().code()));
  }

  private static int blockingCall(String target, Map<String, String> headers) throws Exception {
    java.net.HttpURLConnection connection =
        (java.net.HttpURLConnection) java.net.URI.create(target).toURL().openConnection();
    headers.forEach(connection::setRequestProperty);
    try {
      return connection.getResponseCode();
    } finally {
      connection.getInputStream().close();
    }
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return copy;
  }
}
