package io.laneagent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The test applications under testing/apps, each started from its own class path. */
public enum TestApp {
  JDK_HTTPSERVER("jdk-httpserver", "io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp", false),
  TOMCAT_9_JAVAX("tomcat9", "io.laneagent.testapp.tomcat.TomcatApp", true),
  TOMCAT_11_JAKARTA("tomcat11", "io.laneagent.testapp.tomcat.TomcatApp", true),
  JETTY_9_JAVAX("jetty9", "io.laneagent.testapp.jetty.JettyApp", true),
  JETTY_12_JAKARTA("jetty12", "io.laneagent.testapp.jetty.JettyApp", true),
  UNDERTOW_JAKARTA("undertow", "io.laneagent.testapp.undertow.UndertowApp", true),
  /** JDK HttpServer inbound; OkHttp 3.12, Apache HttpClient 4.3 and 5.0 outbound. */
  HTTP_CLIENTS_OLDEST("http-clients-oldest", "io.laneagent.testapp.clients.HttpClientsApp", false),
  /** OkHttp 4.12, Apache HttpClient 4.5 and 5.6. */
  HTTP_CLIENTS_OKHTTP4("http-clients-okhttp4", "io.laneagent.testapp.clients.HttpClientsApp", false),
  /** OkHttp 5, Apache HttpClient 4.5 and 5.6. */
  HTTP_CLIENTS_NEWEST("http-clients-newest", "io.laneagent.testapp.clients.HttpClientsApp", false),
  /** JDK HttpServer inbound; OpenFeign 10.12 on its default, OkHttp, Apache 4 and Apache 5 clients. */
  FEIGN_OLDEST("feign-oldest", "io.laneagent.testapp.feign.FeignApp", false),
  /** The same with OpenFeign 13. */
  FEIGN_NEWEST("feign-newest", "io.laneagent.testapp.feign.FeignApp", false),
  /** Spring Boot 2.7 MVC (Spring 5.3, javax); RestTemplate on its JDK, HttpComponents 4 and OkHttp factories, WebClient, OpenFeign 3.1. */
  SPRING_WEB_BOOT2("spring-web-boot2", "io.laneagent.testapp.springweb2.SpringWeb2App", false),
  /** Spring Boot 3.5 MVC; RestTemplate on every factory, RestClient, WebClient, Spring Cloud OpenFeign 2025.0. */
  SPRING_WEB_BOOT3("spring-web-boot3", "io.laneagent.testapp.springweb.SpringClientsApp", false),
  /** Spring Boot 3.5 MVC with Micrometer Tracing on Brave (a tracer in the app): observed RestTemplate and RestClient. */
  SPRING_TRACING_BOOT3("spring-tracing-boot3", "io.laneagent.testapp.tracing.TracingApp", false),
  /** The same on Spring Boot 4.0 / Spring 7 / Spring Cloud 2025.1. */
  SPRING_WEB_BOOT4("spring-web-boot4", "io.laneagent.testapp.springweb.SpringClientsApp", false),
  /** JDK HttpServer inbound; the call made through every JDK thread hand-off ({@code via=…}). */
  EXECUTORS("executors", "io.laneagent.testapp.executors.ExecutorsApp", false),
  /** JDK HttpServer inbound; a plain Kafka producer and consumers, kafka-clients 2.8.2. */
  KAFKA_CLIENTS_OLDEST("kafka-clients-oldest", "io.laneagent.testapp.kafka.KafkaApp", false),
  /** The same with kafka-clients 4.4.0. */
  KAFKA_CLIENTS_NEWEST("kafka-clients-newest", "io.laneagent.testapp.kafka.KafkaApp", false),
  /** One pod of a consumer group for the lane isolation test: a plain poll loop with a record log, kafka-clients 2.8.2. */
  KAFKA_ISOLATION_OLDEST("kafka-clients-oldest", "io.laneagent.testapp.kafka.IsolationConsumerApp", false),
  /** The same with kafka-clients 4.4.0. */
  KAFKA_ISOLATION_NEWEST("kafka-clients-newest", "io.laneagent.testapp.kafka.IsolationConsumerApp", false),
  /** One pod of a Spring Kafka 3.3 group (Boot 3.5) for the lane isolation test: a @KafkaListener with a record log. */
  SPRING_KAFKA_ISOLATION_BOOT3("spring-kafka-boot3", "io.laneagent.testapp.springkafkaisolation.IsolationListenerApp", false),
  /** The same on Spring Kafka 4.0 (Boot 4.0). */
  SPRING_KAFKA_ISOLATION_BOOT4("spring-kafka-boot4", "io.laneagent.testapp.springkafkaisolation.IsolationListenerApp", false),
  /** Spring Boot 3.5 with Spring Kafka 3.3: KafkaTemplate, record and batch @KafkaListeners. */
  SPRING_KAFKA_BOOT3("spring-kafka-boot3", "io.laneagent.testapp.springkafka.SpringKafkaApp", false),
  /** The same on Spring Boot 4.0 with Spring Kafka 4.0. */
  SPRING_KAFKA_BOOT4("spring-kafka-boot4", "io.laneagent.testapp.springkafka.SpringKafkaApp", false),
  /** Spring Boot 2.7 / Spring 5.3 / Reactor 3.4 / reactor-netty 1.0 / Spring Cloud Gateway 3.1. */
  WEBFLUX_OLDEST("webflux-oldest", "io.laneagent.testapp.webflux.ReactiveApp", false),
  /** Spring Boot 4.0 / Spring 7.0 / Reactor 3.8 / reactor-netty 1.3 / Spring Cloud Gateway 5.0. */
  WEBFLUX_NEWEST("webflux-newest", "io.laneagent.testapp.webflux.ReactiveApp", false),
  /** WebFlux on Tomcat 10.1 through Spring's servlet bridge (Boot 3.5 / Spring 6.2 / Reactor 3.7); no gateway. */
  WEBFLUX_TOMCAT("webflux-tomcat", "io.laneagent.testapp.webflux.ReactiveApp", false),
  /** WebFlux older than we support: Boot 2.3 / Spring 5.2 / Reactor 3.3 / reactor-netty 0.9 / Gateway 2.2.6. */
  WEBFLUX_TOO_OLD("webflux-too-old", "io.laneagent.testapp.webflux.ReactiveApp", false),
  /** The JDK HttpServer app with kafka-clients 0.10.2 (before record headers). */
  TOO_OLD_LIBS("too-old-libs", "io.laneagent.testapp.tooold.TooOldLibsApp", false),
  /** Spring Boot 2.7 with Logback 1.2.0 (the oldest we claim), Spring Kafka, @Async, @Scheduled, an AsyncAppender. */
  LOGGING_LOGBACK_BOOT2("logging-logback-boot2", "io.laneagent.testapp.logging.LoggingApp", false),
  /** The same on Log4j2 2.17.0 (the oldest we claim) through Spring Boot's log4j2 starter. */
  LOGGING_LOG4J2_BOOT2("logging-log4j2-boot2", "io.laneagent.testapp.logging.LoggingApp", false),
  /** The same on Spring Boot 4.0 with Logback 1.6.6 (the newest). */
  LOGGING_LOGBACK_BOOT4("logging-logback-boot4", "io.laneagent.testapp.logging.LoggingApp", false),
  /** The same on Spring Boot 4.0 with Log4j2 2.26.1 (the newest). */
  LOGGING_LOG4J2_BOOT4("logging-log4j2-boot4", "io.laneagent.testapp.logging.LoggingApp", false),
  /** grpc-java 1.33.1 (the oldest we claim): an HTTP front that calls gRPC, and gRPC servers that call HTTP. */
  GRPC_OLDEST("grpc-oldest", "io.laneagent.testapp.grpc.GrpcApp", false),
  /** The same on grpc-java 1.85.1 (the newest), without OkHttp (Central serves grpc-okhttp up to 1.79.0 here). */
  GRPC_NEWEST("grpc-newest", "io.laneagent.testapp.grpc.GrpcApp", false),
  /** The same on grpc-java 1.79.0, the newest grpc-okhttp here. */
  GRPC_OKHTTP_NEWEST("grpc-okhttp-newest", "io.laneagent.testapp.grpc.GrpcApp", false),
  /** Spring gRPC 0.12.0 on Spring Boot 3.5: the server and the client channel built by Spring. */
  SPRING_GRPC_BOOT3("spring-grpc-boot3", "io.laneagent.testapp.springgrpc.SpringGrpcApp", false),
  /** amqp-client 5.0.0 (the oldest we claim): publishes from HTTP requests, consumes with a DefaultConsumer and a DeliverCallback. */
  RABBITMQ_OLDEST("rabbitmq-oldest", "io.laneagent.testapp.rabbitmq.RabbitApp", false),
  /** The same on amqp-client 5.37.1 (the newest). */
  RABBITMQ_NEWEST("rabbitmq-newest", "io.laneagent.testapp.rabbitmq.RabbitApp", false),
  /** Spring AMQP 3.2 on Spring Boot 3.5: RabbitTemplate, simple, direct and batch listeners, RPC. */
  SPRING_RABBIT_BOOT3("spring-rabbit-boot3", "io.laneagent.testapp.springrabbit.SpringRabbitApp", false),
  /** The same on Spring Boot 4.0 (Spring AMQP 4.0). */
  SPRING_RABBIT_BOOT4("spring-rabbit-boot4", "io.laneagent.testapp.springrabbit.SpringRabbitApp", false),
  /** rocketmq-client 4.9.8 (the oldest we claim): a producer for HTTP requests; push (concurrently, orderly) and lite pull consumers. */
  ROCKETMQ_OLDEST("rocketmq-oldest", "io.laneagent.testapp.rocketmq.RocketApp", false),
  /** The same on rocketmq-client 5.5.0 (the newest). */
  ROCKETMQ_NEWEST("rocketmq-newest", "io.laneagent.testapp.rocketmq.RocketApp", false),
  /** rocketmq-spring 2.3.4 (rocketmq-client 5.3.2) on Spring Boot 3.5: RocketMQTemplate and a @RocketMQMessageListener. */
  ROCKETMQ_SPRING_BOOT3("rocketmq-spring-boot3", "io.laneagent.testapp.rocketmqspring.RocketMqSpringApp", false),
  /** Not an app: RocketMQ's name server and broker class path, for {@link RocketMqBroker}. */
  ROCKETMQ_BROKER("rocketmq-broker", "org.apache.rocketmq.broker.BrokerStartup", false),
  /** Not an app: the Kafka server's class path, for {@link KafkaBroker}. */
  KAFKA_BROKER("kafka-broker", "kafka.Kafka", false);

  /** The apps that are plain inbound servers (the matrix runs these × the JDK clients). */
  public static final TestApp[] SERVERS =
      {JDK_HTTPSERVER, TOMCAT_9_JAVAX, TOMCAT_11_JAKARTA, JETTY_9_JAVAX, JETTY_12_JAKARTA, UNDERTOW_JAKARTA};

  private final String module;
  private final String mainClass;
  private final boolean servlet;

  TestApp(String module, String mainClass, boolean servlet) {
    this.module = module;
    this.mainClass = mainClass;
    this.servlet = servlet;
  }

  public String mainClass() {
    return mainClass;
  }

  public boolean isServlet() {
    return servlet;
  }

  /**
   * {@link #classPath()} with the app's packaged jar in place of target/classes: class data sharing archives
   * classes from jars only (a non-empty directory on the class path stops the JVM from writing an archive).
   */
  public String packagedClassPath() {
    try (java.util.stream.Stream<Path> files = Files.list(target())) {
      Path jar = files.filter(file -> file.getFileName().toString().matches("test-app-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("test app '" + module + "' is not packaged (run mvn verify from the root)"));
      return classPathWith(jar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The app's classes and its run-time dependencies (written by the build to target/app.classpath). */
  public String classPath() {
    return classPathWith(target().resolve("classes"));
  }

  /** {@code app} (its classes or its jar) and the app's run-time dependencies. */
  private String classPathWith(Path app) {
    try {
      String dependencies = Files.readString(target().resolve("app.classpath")).trim();
      return dependencies.isEmpty() ? app.toString() : app + java.io.File.pathSeparator + dependencies;
    } catch (IOException e) {
      throw new UncheckedIOException("test app '" + module + "' is not built (run mvn verify from the root)", e);
    }
  }

  private Path target() {
    return appsDir().resolve(module).resolve("target");
  }

  static Path appsDir() {
    return Paths.get(System.getProperty("lane.test.apps", "../apps")).toAbsolutePath().normalize();
  }
}
