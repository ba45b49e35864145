package io.laneagent.testapp.logging;

import io.laneagent.testapp.Probe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Boot app that logs through SLF4J (to Logback or Log4j2, whichever its build has) with
 * Spring Boot's own logging set-up; the test gives it the pattern ({@code logging.pattern.console}).
 * {@code GET /log?id=…} logs in the request, through an asynchronous appender (logger {@code probe.async}),
 * in an {@code @Async} method, in a pool task and — after a round trip through Kafka — in a
 * {@code @KafkaListener}; a {@code @Scheduled} job logs on its own. With {@code own=…} the request puts its
 * own MDC {@code lane} first. No lane code: the agent is what puts lanes into the lines, if anything does.
 */
@SpringBootApplication
@EnableAsync
@EnableScheduling
@RestController
public class LoggingApp {

  static final Logger LOG = LoggerFactory.getLogger("probe");
  private static final Logger ASYNC_APPENDER_LOG = LoggerFactory.getLogger("probe.async");

  /** One worker: a task of a request with a lane and one without run on the same pooled thread. */
  private final ExecutorService pool = Executors.newFixedThreadPool(1);
  private final AsyncLogger asyncLogger;
  private final KafkaTemplate<String, String> template;
  private final String topic;

  public LoggingApp(AsyncLogger asyncLogger, KafkaTemplate<String, String> template,
      @Value("${probe.prefix}-log") String topic) {
    this.asyncLogger = asyncLogger;
    this.template = template;
    this.topic = topic;
  }

  public static void main(String[] args) {
    SpringApplication.run(LoggingApp.class, args);
  }

  @GetMapping("/log")
  public String log(@RequestParam("id") String id, @RequestParam(name = "own", required = false) String own) throws Exception {
    if (own != null) {
      MDC.put("lane", own);
    }
    try {
      LOG.info("id={} where=request", id);
      ASYNC_APPENDER_LOG.info("id={} where=async-appender", id);
      asyncLogger.log(id).get(30, TimeUnit.SECONDS);
      Future<?> task = pool.submit(() -> LOG.info("id={} where=pool", id));
      task.get(30, TimeUnit.SECONDS);
      template.send(topic, id, id).get(30, TimeUnit.SECONDS);
      return "logged " + id;
    } finally {
      MDC.remove("lane");
    }
  }

  @KafkaListener(topics = "${probe.prefix}-log", groupId = "${probe.prefix}-log")
  public void onRecord(String id) {
    LOG.info("id={} where=kafka", id);
  }

  @Scheduled(fixedDelay = 200)
  public void tick() {
    LOG.info("id=- where=scheduled");
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }

  @Component
  public static class AsyncLogger {
    @Async
    public CompletableFuture<Void> log(String id) {
      LOG.info("id={} where=async", id);
      return CompletableFuture.completedFuture(null);
    }
  }
}
