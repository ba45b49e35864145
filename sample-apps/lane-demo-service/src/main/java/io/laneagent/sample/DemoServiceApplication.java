package io.laneagent.sample;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import java.util.concurrent.TimeUnit;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service of the source documents: answers {@code header env(gray), I'm cat(gray) [trace 4bf92f35] --> …}
 * (the trace it saw, from Istio's {@code x-b3-traceid}) and, with
 * {@code --next=true}, calls the next service over OpenFeign and appends its answer. It reads the
 * {@code env} header only to print it; it never forwards it — that is the agent's job.
 *
 * <p>Two more paths, for the demo: with {@code --async.url} it also hands a call to that service to an
 * {@code @Async} method ({@code … [async --> answer]}); with {@code --scheduled=true} a {@code @Scheduled}
 * job calls the next service every second — no request started it, so it runs in the pod's own lane —
 * and {@code /status} shows its last answer.
 */
@SpringBootApplication
@EnableFeignClients
@EnableAsync
@EnableScheduling
@RestController
public class DemoServiceApplication {

  @FeignClient(name = "next", url = "${service.url:http://localhost:8080}")
  public interface NextService {
    @GetMapping("/sayHello")
    String sayHello();
  }

  private final NextService next;
  private final AsyncCaller async;
  private final String name;
  private final String env;
  private final boolean callNext;
  private final boolean scheduled;
  private volatile String lastScheduled = "(not run yet)";

  public DemoServiceApplication(NextService next, AsyncCaller async, @Value("${spring.application.name}") String name,
      @Value("${env}") String env, @Value("${next:false}") boolean callNext, @Value("${scheduled:false}") boolean scheduled) {
    this.next = next;
    this.async = async;
    this.name = name;
    this.env = env;
    this.callNext = callNext;
    this.scheduled = scheduled;
  }

  public static void main(String[] args) {
    SpringApplication.run(DemoServiceApplication.class, args);
  }

  @GetMapping("/sayHello")
  public String sayHello(HttpServletRequest request) throws Exception {
    String current = "header env(" + request.getHeader("env") + "), I'm " + name + "(" + env + ")" + trace(request);
    String answer = callNext ? current + " --> " + next.sayHello() : current;
    if (async.enabled()) {
      answer += " [async --> " + async.call().get(30, TimeUnit.SECONDS) + "]";
    }
    return answer;
  }

  /**
   * The trace this request is in, as Istio's tracing headers say (the ingress starts it): {@code [trace
   * <first 8 of x-b3-traceid>]}, or {@code [trace none]}. Read only to print it, like {@code env}.
   */
  private static String trace(HttpServletRequest request) {
    String traceId = request.getHeader("x-b3-traceid");
    return " [trace " + (traceId == null ? "none" : traceId.substring(0, Math.min(8, traceId.length()))) + "]";
  }

  @Scheduled(fixedDelay = 1000, initialDelay = 1000)
  public void scheduledCall() {
    if (scheduled) {
      try {
        lastScheduled = "I'm " + name + "(" + env + "), scheduled --> " + next.sayHello();
      } catch (Exception e) {
        lastScheduled = "scheduled call failed: " + e;
      }
    }
  }

  @GetMapping("/status")
  public String status() {
    return lastScheduled;
  }
}
