package io.laneagent.testapp.springgrpc;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.laneagent.testapp.Probe;
import io.laneagent.testapp.grpc.ProbeService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.client.GrpcChannelFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Boot app with Spring gRPC, no lane code: Spring builds the gRPC server for the
 * {@code BindableService} bean (the probe service: the next hop's HTTP call) and the client channel
 * ({@code GrpcChannelFactory}); {@code via=spring-grpc} makes a blocking unary call to
 * {@code grpc.target} with the rest of the query.
 */
@SpringBootApplication
@RestController
public class SpringGrpcApp {

  private final ManagedChannel channel;

  public SpringGrpcApp(GrpcChannelFactory channels, @Value("${grpc.target}") String target) {
    this.channel = channels.createChannel(target);
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringGrpcApp.class, args);
  }

  @Bean
  BindableService probeService() {
    return ProbeService::definition;
  }

  @GetMapping("/probe")
  public String probe(HttpServletRequest request) throws Exception {
    return Probe.handle(request.getQueryString());
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.registerHandOff("spring-grpc", p -> {
      Map<String, String> message = new LinkedHashMap<>(p);
      message.remove("via");
      return "spring-grpc: " + ClientCalls.blockingUnaryCall(channel, ProbeService.UNARY,
          CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), Probe.query(message));
    });
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }
}
