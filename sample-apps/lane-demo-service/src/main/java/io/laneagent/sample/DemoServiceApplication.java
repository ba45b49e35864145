package io.laneagent.sample;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service of the source documents: answers {@code header env(gray), I'm cat(gray) --> …} and, with
 * {@code --next=true}, calls the next service over OpenFeign and appends its answer. It reads the
 * {@code env} header only to print it; it never forwards it — that is the agent's job.
 */
@SpringBootApplication
@EnableFeignClients
@RestController
public class DemoServiceApplication {

  @FeignClient(name = "next", url = "${service.url}")
  public interface NextService {
    @GetMapping("/sayHello")
    String sayHello();
  }

  private final NextService next;
  private final String name;
  private final String env;
  private final boolean callNext;

  public DemoServiceApplication(NextService next, @Value("${spring.application.name}") String name,
      @Value("${env}") String env, @Value("${next:false}") boolean callNext) {
    this.next = next;
    this.name = name;
    this.env = env;
    this.callNext = callNext;
  }

  public static void main(String[] args) {
    SpringApplication.run(DemoServiceApplication.class, args);
  }

  @GetMapping("/sayHello")
  public String sayHello(HttpServletRequest request) {
    String current = "header env(" + request.getHeader("env") + "), I'm " + name + "(" + env + ")";
    return callNext ? current + " --> " + next.sayHello() : current;
  }
}
