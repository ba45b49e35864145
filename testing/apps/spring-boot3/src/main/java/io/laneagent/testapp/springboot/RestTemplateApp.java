package io.laneagent.testapp.springboot;

import io.laneagent.testapp.Probe;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestTemplate;

/** A plain Spring Boot controller calling on with a plain RestTemplate (default request factory). */
@SpringBootApplication
@RestController
public class RestTemplateApp {

  private final RestTemplate restTemplate = new RestTemplate();

  public static void main(String[] args) {
    SpringApplication.run(RestTemplateApp.class, args);
  }

  @GetMapping("/probe")
  public String probe(@RequestParam("target") String target, @RequestParam("id") String id) {
    HttpHeaders headers = new HttpHeaders();
    headers.set("x-probe-id", id);
    ResponseEntity<String> response = restTemplate.exchange(target, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    return "called " + id + " via resttemplate: " + response.getStatusCode().value();
  }

  @EventListener
  public void ready(WebServerInitializedEvent event) {
    Probe.ready(event.getWebServer().getPort());
  }
}
