package io.laneagent.testapp.rocketmqspring;

import io.laneagent.testapp.Probe;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.rocketmq.spring.annotation.RocketMQMessageListener;
import org.apache.rocketmq.spring.core.RocketMQListener;
import org.apache.rocketmq.spring.core.RocketMQTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Boot app with rocketmq-spring, no lane code: {@code via=rocketmq-template} sends the rest
 * of the query with {@code RocketMQTemplate.syncSend} (or {@code asyncSend} with {@code mode=async}); a
 * {@code @RocketMQMessageListener} runs each message (the next hop's HTTP call).
 */
@SpringBootApplication
@RestController
public class RocketMqSpringApp {

  private final RocketMQTemplate template;
  private final String topic;

  public RocketMqSpringApp(RocketMQTemplate template, @Value("${probe.topic}") String topic) {
    this.template = template;
    this.topic = topic;
  }

  public static void main(String[] args) {
    SpringApplication.run(RocketMqSpringApp.class, args);
  }

  @GetMapping("/probe")
  public String probe(HttpServletRequest request) throws Exception {
    return Probe.handle(request.getQueryString());
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.registerHandOff("rocketmq-template", p -> {
      Map<String, String> message = new LinkedHashMap<>(p);
      message.remove("via");
      String mode = message.remove("mode");
      if ("async".equals(mode)) {
        java.util.concurrent.CompletableFuture<Object> sent = new java.util.concurrent.CompletableFuture<>();
        template.asyncSend(topic, Probe.query(message), new org.apache.rocketmq.client.producer.SendCallback() {
          @Override
          public void onSuccess(org.apache.rocketmq.client.producer.SendResult result) {
            sent.complete(result);
          }

          @Override
          public void onException(Throwable e) {
            sent.completeExceptionally(e);
          }
        });
        sent.get(30, java.util.concurrent.TimeUnit.SECONDS);
      } else {
        template.syncSend(topic, Probe.query(message));
      }
      return "sent " + p.get("id");
    });
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }

  /**
   * Creates the topic while the context starts, before the listener's consumer does (else it finds no route
   * and waits for the next rebalance): a test set-up, by reflection as in the plain app.
   */
  @Component
  static class TopicCreator {
    TopicCreator(RocketMQTemplate template, @Value("${probe.topic}") String topic) throws Exception {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
      for (java.lang.reflect.Method method : template.getProducer().getClass().getMethods()) {
        if (method.getName().equals("createTopic") && method.getParameterCount() == 4) {
          while (true) {
            try {
              method.invoke(template.getProducer(), "TBW102", topic, 2, new java.util.HashMap<String, String>());
              return;
            } catch (java.lang.reflect.InvocationTargetException notYet) {
              if (System.nanoTime() > deadline) {
                throw notYet;
              }
              Thread.sleep(200); // polling the broker: nothing to wait on
            }
          }
        }
      }
      throw new IllegalStateException("no createTopic(key, topic, queues, attributes)");
    }
  }

  /** The listener: one message a call, as rocketmq-spring delivers them. */
  @Component
  @RocketMQMessageListener(topic = "${probe.topic}", consumerGroup = "${probe.topic}-group")
  static class Listener implements RocketMQListener<String> {
    @Override
    public void onMessage(String body) {
      try {
        java.util.Map<String, String> params = Probe.parse(body);
        // one line per message: the log test reads its MDC
        org.slf4j.LoggerFactory.getLogger(Listener.class).info("LANE-LOG id={}", params.get("id"));
        Probe.call(params);
      } catch (Exception e) {
        System.out.println("listener failed: " + e);
      }
    }
  }

}
