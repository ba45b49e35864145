package io.laneagent.testapp.springrabbit;

import io.laneagent.testapp.Probe;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.config.DirectRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Boot app with Spring AMQP, no lane code. {@code via=rabbit-template&queue=simple|direct|batch}
 * sends the rest of the query with {@code RabbitTemplate.convertAndSend}; {@code via=rabbit-mixed} sends one
 * message per value of {@code lanes} with that {@code env} header set by the app ({@code none}: no header);
 * {@code via=rabbit-rpc} calls {@code sendAndReceive} and answers with the reply's {@code env} header.
 * Listeners: a {@code @RabbitListener} on the simple container, one on the direct container, a batch
 * listener taking {@code List<Message>} (consumer batching, up to 10), and an RPC listener that replies.
 */
@SpringBootApplication
@RestController
public class SpringRabbitApp {

  /** Each listener logs one line per message ({@code LANE-LOG id=<probe id>}): the log tests read its MDC. */
  private static final Logger LOG = LoggerFactory.getLogger(SpringRabbitApp.class);

  private final RabbitTemplate template;
  private final String prefix;

  public SpringRabbitApp(RabbitTemplate template, @Value("${probe.prefix}") String prefix) {
    this.template = template;
    this.prefix = prefix;
  }

  public static void main(String[] args) {
    SpringApplication.run(SpringRabbitApp.class, args);
  }

  @GetMapping("/probe")
  public String probe(HttpServletRequest request) throws Exception {
    return Probe.handle(request.getQueryString());
  }

  @EventListener
  public void ready(ApplicationReadyEvent event) {
    Probe.registerHandOff("rabbit-template", p -> {
      Map<String, String> message = rest(p);
      String queue = message.remove("queue");
      template.convertAndSend(prefix + "-" + queue, Probe.query(message));
      return "sent " + p.get("id");
    });
    Probe.registerHandOff("rabbit-mixed", p -> {
      String[] lanes = p.get("lanes").split(",");
      for (int i = 0; i < lanes.length; i++) {
        Map<String, String> message = rest(p);
        message.remove("lanes");
        String queue = message.remove("queue");
        message.put("id", p.get("id") + "-" + i);
        MessageProperties properties = new MessageProperties();
        if (!lanes[i].equals("none")) {
          properties.setHeader("env", lanes[i]);
        }
        template.send(prefix + "-" + queue, new Message(Probe.query(message).getBytes(StandardCharsets.UTF_8), properties));
      }
      return "sent " + lanes.length;
    });
    Probe.registerHandOff("rabbit-rpc", p -> {
      Message reply = template.sendAndReceive(prefix + "-rpc",
          new Message(Probe.query(rest(p)).getBytes(StandardCharsets.UTF_8), new MessageProperties()));
      return reply == null ? "no reply" : "reply env=" + reply.getMessageProperties().getHeaders().get("env");
    });
    Probe.ready(Integer.parseInt(event.getApplicationContext().getEnvironment().getProperty("local.server.port")));
  }

  @RabbitListener(queues = "${probe.prefix}-simple")
  public void onSimple(String body) throws Exception {
    Map<String, String> params = Probe.parse(body);
    LOG.info("LANE-LOG id={}", params.get("id"));
    Probe.call(params);
  }

  @RabbitListener(queues = "${probe.prefix}-direct", containerFactory = "directFactory")
  public void onDirect(String body) throws Exception {
    Map<String, String> params = Probe.parse(body);
    LOG.info("LANE-LOG id={}", params.get("id"));
    Probe.call(params);
  }

  @RabbitListener(queues = "${probe.prefix}-batch", containerFactory = "batchFactory")
  public void onBatch(List<Message> messages) throws Exception {
    String batch = Integer.toHexString(System.identityHashCode(messages)) + "/" + messages.size();
    for (Message message : messages) {
      Map<String, String> params = Probe.parse(new String(message.getBody(), StandardCharsets.UTF_8));
      params.put("appHeaderName", "x-batch"); // tells the test which batch (and how big) each call came from
      params.put("appHeader", batch);
      LOG.info("LANE-LOG id={}", params.get("id"));
      Probe.call(params);
    }
  }

  @RabbitListener(queues = "${probe.prefix}-rpc")
  public String onRpc(String body) throws Exception {
    return Probe.call(Probe.parse(body));
  }

  /** The queues and container factories (apart from the listeners: a bean cycle otherwise). */
  @Configuration(proxyBeanMethods = false)
  static class Beans {

    @Bean
    Queue simpleQueue(@Value("${probe.prefix}") String prefix) {
      return new Queue(prefix + "-simple", false, false, true);
    }

    @Bean
    Queue directQueue(@Value("${probe.prefix}") String prefix) {
      return new Queue(prefix + "-direct", false, false, true);
    }

    @Bean
    Queue batchQueue(@Value("${probe.prefix}") String prefix) {
      return new Queue(prefix + "-batch", false, false, true);
    }

    @Bean
    Queue rpcQueue(@Value("${probe.prefix}") String prefix) {
      return new Queue(prefix + "-rpc", false, false, true);
    }

    @Bean
    DirectRabbitListenerContainerFactory directFactory(ConnectionFactory connectionFactory) {
      DirectRabbitListenerContainerFactory factory = new DirectRabbitListenerContainerFactory();
      factory.setConnectionFactory(connectionFactory);
      return factory;
    }

    @Bean
    SimpleRabbitListenerContainerFactory batchFactory(ConnectionFactory connectionFactory) {
      SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
      factory.setConnectionFactory(connectionFactory);
      factory.setBatchListener(true);
      factory.setConsumerBatchEnabled(true);
      factory.setBatchSize(10);
      factory.setReceiveTimeout(200L);
      return factory;
    }
  }

  private static Map<String, String> rest(Map<String, String> params) {
    Map<String, String> message = new LinkedHashMap<>(params);
    message.remove("via");
    return message;
  }

}
