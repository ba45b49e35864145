package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unmodified Spring Boot 3 and 4 apps calling on with every Spring client — RestTemplate on each
 * request factory (JDK URLConnection, HttpComponents 5, JDK HttpClient, Jetty, reactor-netty),
 * RestClient, WebClient, and Spring Cloud OpenFeign by fixed url and through Spring Cloud
 * LoadBalancer — and a Spring Boot 2.7 app (Spring 5.3: RestTemplate on URLConnection, HttpComponents 4
 * and OkHttp, WebClient, OpenFeign 3.1), under the real agent jar: the lane (or the own lane) arrives
 * exactly once. The same apps with every transport instrumentation off show that {@code spring-web-clients}
 * alone carries the lane at Spring's level — and, with it off too, that nothing else did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringClientsTest {

  private static final TestApp[] APPS = {TestApp.SPRING_WEB_BOOT3, TestApp.SPRING_WEB_BOOT4};
  private static final String[] CLIENTS =
      {"rt-simple", "rt-hc5", "rt-jdk", "rt-jetty", "rt-reactor", "restclient", "webclient", "feign-url", "feign-lb"};

  private static final String[] SPRING_HAND_OFFS = {"async", "async-simple", "taskscheduler-once"};

  /** The clients Spring's own instrumentation covers (Feign has its own). */
  private static final String[] SPRING_LEVEL_CLIENTS =
      {"rt-simple", "rt-hc5", "rt-jdk", "rt-jetty", "rt-reactor", "restclient", "webclient"};
  /** Every instrumentation of a transport under Spring's clients: off, only spring-web-clients is left. */
  private static final String[] TRANSPORTS = {"http-url-connection", "jdk-httpclient", "okhttp", "apache-httpclient-4",
      "apache-httpclient-5", "reactor-netty"};

  private Map<TestApp, AppJvm> apps;
  /** Boot 3 and 4 with the transports' instrumentations off. */
  private Map<TestApp, AppJvm> springLevelOnly;
  /** Boot 4 with spring-web-clients off as well: the control. */
  private AppJvm noClientInstrumentation;
  private AppJvm boot2;
  private Map<TestApp, String> instances;
  /** Spring Boot 4 on JDK 25 with {@code spring.threads.virtual.enabled=true}: @Async on virtual threads. */
  private AppJvm virtualThreads;
  private final String virtualInstance = newId();
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    instances = new EnumMap<>(TestApp.class);
    for (TestApp app : APPS) {
      instances.put(app, newId());
    }
    CompletableFuture<AppJvm> virtual = CompletableFuture.supplyAsync(() -> spring(TestApp.SPRING_WEB_BOOT4, virtualInstance)
        .javaHome(AppJvm.jdk25()).args("--spring.threads.virtual.enabled=true").start());
    CompletableFuture<AppJvm> control = CompletableFuture.supplyAsync(() -> withoutTransports(
        spring(TestApp.SPRING_WEB_BOOT4, newId())).env("LANE_INSTRUMENTATION_SPRING_WEB_CLIENTS_ENABLED", "false").start());
    CompletableFuture<AppJvm> spring5 = CompletableFuture.supplyAsync(() -> spring(TestApp.SPRING_WEB_BOOT2, newId()).start());
    apps = SharedStart.all(APPS, app -> spring(app, instances.get(app)));
    springLevelOnly = SharedStart.all(APPS, app -> withoutTransports(spring(app, newId())));
    virtualThreads = virtual.join();
    noClientInstrumentation = control.join();
    boot2 = spring5.join();
  }

  private AppJvm.Builder spring(TestApp app, String instance) {
    String base = downstream.url("");
    return AppJvm.of(app)
        .env("LANE_LOCAL", "prod")
        .args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + base,
            "--spring.cloud.discovery.client.simple.instances.downstream[0].uri=" + base,
            "--spring.main.banner-mode=off", "--probe.instance=" + instance);
  }

  private static AppJvm.Builder withoutTransports(AppJvm.Builder builder) {
    for (String transport : TRANSPORTS) {
      builder.env("LANE_INSTRUMENTATION_" + transport.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_ENABLED", "false");
    }
    return builder;
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    springLevelOnly.values().forEach(AppJvm::close);
    noClientInstrumentation.close();
    boot2.close();
    virtualThreads.close();
    downstream.close();
  }

  /** {@code @Async} (ThreadPoolTaskExecutor), SimpleAsyncTaskExecutor and one-shot TaskScheduler jobs. */
  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("springHandOffs")
  void springHandOffsCarryTheRequestsLane(TestApp app, String via) {
    handOffCarriesTheLane(apps.get(app), via);
  }

  static Stream<Arguments> springHandOffs() {
    return Probes.everyAppEveryClient(APPS, SPRING_HAND_OFFS);
  }

  @Test
  void asyncOnVirtualThreadsCarriesTheRequestsLane() {
    assertThat(virtualThreads.get(probe(downstream, "urlconnection", newId(), "via=async-thread-name")).body())
        .as("Boot's task executor runs on virtual threads").contains("VirtualThread");
    for (String via : SPRING_HAND_OFFS) {
      handOffCarriesTheLane(virtualThreads, via);
    }
  }

  private void handOffCarriesTheLane(AppJvm app, String via) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      String id = newId();
      RawHttp.Response response = app.get(probe(downstream, "urlconnection", id, "via=" + via), laneHeader(lane));
      assertThat(response.body()).as(app.output()).isEqualTo("called " + id + " via urlconnection: 200");
      assertThat(downstream.await(id).values("env")).as("%s %s", via, lane).containsExactly(lane == null ? "prod" : lane);
    }
  }

  /** {@code @Scheduled} jobs and periodic TaskScheduler jobs are nobody's request: they run in the own lane. */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"SPRING_WEB_BOOT3", "SPRING_WEB_BOOT4"})
  void scheduledWorkRunsInTheOwnLane(TestApp app) {
    assertThat(downstream.await("scheduled-" + instances.get(app) + "-1").values("env")).containsExactly("prod");
    assertThat(downstream.await("scheduled-" + instances.get(app) + "-3").values("env")).containsExactly("prod");
    String id = newId();
    apps.get(app).get(probe(downstream, "urlconnection", id, "via=taskscheduler-periodic"), laneHeader("gray"));
    assertThat(downstream.await(id).values("env")).containsExactly("prod");
  }

  static Stream<Arguments> everyVersionEveryClient() {
    return Stream.concat(Probes.everyAppEveryClient(APPS, CLIENTS),
        Probes.everyAppEveryClient(new TestApp[] {TestApp.SPRING_WEB_BOOT3}, "rt-okhttp")); // Spring 6 only
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theLaneOrTheOwnLaneArrivesExactlyOnce(TestApp app, String client) {
    ClientChecks.laneArrivesExactlyOnce(apps.get(app), downstream, client, "prod");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyVersionEveryClient")
  void theApplicationsOwnHeaderWins(TestApp app, String client) {
    ClientChecks.applicationHeaderWins(apps.get(app), downstream, client, "Env");
  }

  /** Spring 5.3 (Boot 2.7): RestTemplate on each factory, WebClient and OpenFeign 3.1. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"rt-simple", "rt-hc4", "rt-okhttp", "webclient", "feign-url"})
  void spring53ClientsCarryTheLaneOrTheOwnLaneOnce(String client) {
    ClientChecks.laneArrivesExactlyOnce(boot2, downstream, client, "prod");
    ClientChecks.applicationHeaderWins(boot2, downstream, client, "Env");
  }

  /** With every transport instrumentation off, Spring's own client instrumentation carries the lane, once. */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("springLevelClients")
  void springWebClientsAloneCarryTheLane(TestApp app, String client) {
    AppJvm jvm = springLevelOnly.get(app);
    assertThat(jvm.agentLines()).first().asString().contains("off=[http-url-connection (disabled)");
    for (String lane : new String[] {"gray", "daily"}) {
      assertThat(callWith(jvm, client, lane)).as("%s %s", client, lane).containsExactly(lane);
    }
    if (!client.equals("webclient")) { // WebClient's own lane comes from its transport (see the README)
      assertThat(callWith(jvm, client, null)).as("%s without a lane", client).containsExactly("prod");
    }
  }

  /** The control: spring-web-clients off as well, and none of these calls carries the lane. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"rt-simple", "rt-hc5", "rt-jdk", "rt-jetty", "rt-reactor",
      "restclient", "webclient"})
  void withoutSpringWebClientsAndTransportsNoLaneArrives(String client) {
    assertThat(callWith(noClientInstrumentation, client, "gray")).as(client).isEmpty();
  }

  static Stream<Arguments> springLevelClients() {
    return Probes.everyAppEveryClient(APPS, SPRING_LEVEL_CLIENTS);
  }

  private List<String> callWith(AppJvm app, String client, String lane) {
    String id = newId();
    RawHttp.Response response = app.get(probe(downstream, client, id), laneHeader(lane));
    assertThat(response.body()).as(app.output()).isEqualTo("called " + id + " via " + client + ": 200");
    return downstream.await(id).values("env");
  }
}
