package io.laneagent.testing;

import static io.laneagent.testing.Probes.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code lane.mdc}: Spring Boot apps on Logback (1.2.0 on Boot 2.7, 1.6.6 on Boot 4.0) and on Log4j2 (2.17.0,
 * 2.26.1), configured only with Spring Boot's {@code logging.pattern.console}, log in a request, through an
 * asynchronous appender, in an {@code @Async} method, in a pool task, in a {@code @KafkaListener} after a
 * real broker, and in a {@code @Scheduled} job. Every line written in a lane carries {@code %X{lane}} and, when
 * trace headers came in, {@code %X{traceId}}; lines outside a lane carry the own lane (Boot 4 apps, which
 * have one) or nothing (Boot 2 apps); the app's own MDC {@code lane} wins; a pooled thread keeps nothing. The
 * control: the same app with {@code lane.mdc=false} writes no lane.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogLanesTest {

  private static final String[] SITES = {"request", "async-appender", "async", "pool", "kafka"};
  private static final Pattern LINE =
      Pattern.compile("LINE lane=\\[([^]]*)\\] traceId=\\[([^]]*)\\] id=(\\S+) where=(\\S+)");
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String TRACEPARENT = "traceparent: 00-" + TRACE_ID + "-00f067aa0ba902b7-01";
  private static final String B3_TRACE_ID = "80f198ee56343ba864fe8b2a57d3eff7";

  /** The apps under test, and a control: Logback on Boot 2.7 with {@code lane.mdc=false}. */
  enum Setup {
    LOGBACK_BOOT2(TestApp.LOGGING_LOGBACK_BOOT2, null),
    LOG4J2_BOOT2(TestApp.LOGGING_LOG4J2_BOOT2, null),
    LOGBACK_BOOT4(TestApp.LOGGING_LOGBACK_BOOT4, "prod"),
    LOG4J2_BOOT4(TestApp.LOGGING_LOG4J2_BOOT4, "prod"),
    MDC_OFF(TestApp.LOGGING_LOGBACK_BOOT2, null);

    final TestApp app;
    final String ownLane;

    Setup(TestApp app, String ownLane) {
      this.app = app;
      this.ownLane = ownLane;
    }

    /** What {@code %X{lane}} shows for work without a lane: the own lane, or nothing. */
    String laneless() {
      return ownLane == null ? "" : ownLane;
    }
  }

  private KafkaBroker kafka;
  private Map<Setup, AppJvm> apps;

  @BeforeAll
  void start() throws Exception {
    kafka = KafkaBroker.start();
    apps = SharedStart.all(Setup.values(), setup -> {
      AppJvm.Builder builder = AppJvm.of(setup.app).args("--server.port=0", "--server.address=127.0.0.1",
          "--spring.main.banner-mode=off", "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
          "--spring.kafka.consumer.auto-offset-reset=earliest", "--probe.prefix=" + setup.name().toLowerCase() + newId().substring(0, 6),
          "--logging.pattern.console=LINE lane=[%X{lane}] traceId=[%X{traceId}] %m%n");
      if (setup.ownLane != null) {
        builder.env("LANE_LOCAL", setup.ownLane);
      }
      if (setup == Setup.MDC_OFF) {
        builder.systemProperty("lane.mdc", "false");
      }
      return builder;
    }, Setup.class);
  }

  @AfterAll
  void stop() {
    if (apps != null) {
      apps.values().forEach(AppJvm::close);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @ParameterizedTest
  @EnumSource(value = Setup.class, names = "MDC_OFF", mode = EnumSource.Mode.EXCLUDE)
  void everyLineOfARequestCarriesItsLaneAndTraceId(Setup setup) {
    Map<String, Line> gray = log(setup, "/log?id=%s", "env: gray", TRACEPARENT);
    gray.forEach((site, line) -> assertThat(line.laneAndTraceId()).as("%s %s", setup, site).isEqualTo("gray " + TRACE_ID));
    Map<String, Line> daily = log(setup, "/log?id=%s", "env: daily", "x-b3-traceid: " + B3_TRACE_ID, "x-b3-spanid: 1a2b3c4d5e6f7a8b");
    daily.forEach((site, line) -> assertThat(line.laneAndTraceId()).as("%s %s", setup, site).isEqualTo("daily " + B3_TRACE_ID));
  }

  @ParameterizedTest
  @EnumSource(value = Setup.class, names = "MDC_OFF", mode = EnumSource.Mode.EXCLUDE)
  void withoutALaneLinesCarryTheOwnLaneOrNothing(Setup setup) {
    Map<String, Line> lines = log(setup, "/log?id=%s");
    lines.forEach((site, line) -> assertThat(line.laneAndTraceId()).as("%s %s", setup, site).isEqualTo(setup.laneless() + " "));
  }

  @ParameterizedTest
  @EnumSource(value = Setup.class, names = "MDC_OFF", mode = EnumSource.Mode.EXCLUDE)
  void theApplicationsOwnMdcLaneWins(Setup setup) {
    Map<String, Line> lines = log(setup, "/log?id=%s&own=mine", "env: gray", TRACEPARENT);
    // the app's MDC is the request thread's: its lines (and the async appender's, written for that thread) show it
    assertThat(lines.get("request").laneAndTraceId()).as("%s", setup).isEqualTo("mine " + TRACE_ID);
    assertThat(lines.get("async-appender").laneAndTraceId()).as("%s", setup).isEqualTo("mine " + TRACE_ID);
    // the MDC thread-local does not travel to other threads; the agent's lane does
    for (String site : new String[] {"async", "pool", "kafka"}) {
      assertThat(lines.get(site).laneAndTraceId()).as("%s %s", setup, site).isEqualTo("gray " + TRACE_ID);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Setup.class, names = "MDC_OFF", mode = EnumSource.Mode.EXCLUDE)
  void pooledThreadsKeepNothingFromTheRequestBefore(Setup setup) {
    for (int round = 0; round < 3; round++) {
      log(setup, "/log?id=%s", "env: gray", TRACEPARENT);
      Map<String, Line> after = log(setup, "/log?id=%s");
      after.forEach((site, line) -> assertThat(line.laneAndTraceId()).as("%s %s", setup, site).isEqualTo(setup.laneless() + " "));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Setup.class, names = "MDC_OFF", mode = EnumSource.Mode.EXCLUDE)
  void scheduledJobsAndStartUpLinesRunOutsideAnyRequestsLane(Setup setup) {
    log(setup, "/log?id=%s", "env: gray", TRACEPARENT); // a lane exists in this JVM while the job runs on
    AppJvm app = apps.get(setup);
    long before = scheduledLines(app.output());
    app.awaitOutput(Duration.ofSeconds(30), "more scheduled lines", text -> scheduledLines(text) >= before + 3);
    List<Line> scheduled = new ArrayList<>();
    for (Line line : lines(app.output())) {
      if (line.where.equals("scheduled")) {
        scheduled.add(line);
      }
    }
    assertThat(scheduled).isNotEmpty().allSatisfy(line ->
        assertThat(line.laneAndTraceId()).as("%s", setup).isEqualTo(setup.laneless() + " "));
    if (setup.ownLane == null) {
      // Spring's start-up lines are written outside any lane: no lane in them (later lines may belong to a
      // request: the KafkaTemplate's producer, created on the first send, logs its config in that request)
      List<String> others = new ArrayList<>();
      for (String text : app.output().split("\n")) {
        if (text.startsWith("LINE ") && !LINE.matcher(text).find()) {
          others.add(text);
        }
        if (text.contains("Started LoggingApp")) {
          break;
        }
      }
      assertThat(others).as("%s", setup).isNotEmpty().allSatisfy(text -> assertThat(text).startsWith("LINE lane=[] traceId=[] "));
    }
  }

  @Test
  void withLaneMdcOffNoLineCarriesALane() {
    Map<String, Line> lines = log(Setup.MDC_OFF, "/log?id=%s", "env: gray", TRACEPARENT);
    lines.forEach((site, line) -> assertThat(line.laneAndTraceId()).as(site).isEqualTo(" "));
    assertThat(apps.get(Setup.MDC_OFF).agentLines()).anySatisfy(line -> assertThat(line).contains("logback (lane.mdc=false)"));
  }

  /** Calls {@code target} (with a new id for its %s) and returns the line of each site for that id. */
  private Map<String, Line> log(Setup setup, String target, String... headers) {
    AppJvm app = apps.get(setup);
    String id = newId();
    RawHttp.Response response = app.get(String.format(target, id), headers);
    assertThat(response.body()).as(app.output()).isEqualTo("logged " + id);
    Map<String, Line> bySite = new LinkedHashMap<>();
    app.awaitOutput(Duration.ofSeconds(60), "the lines of " + id, text -> {
      bySite.clear();
      for (Line line : lines(text)) {
        if (line.id.equals(id)) {
          bySite.put(line.where, line);
        }
      }
      return bySite.keySet().containsAll(Arrays.asList(SITES));
    });
    return bySite;
  }

  private static long scheduledLines(String output) {
    return lines(output).stream().filter(line -> line.where.equals("scheduled")).count();
  }

  private static List<Line> lines(String output) {
    List<Line> lines = new ArrayList<>();
    for (String text : output.split("\n")) {
      Matcher matcher = LINE.matcher(text);
      if (matcher.find()) {
        lines.add(new Line(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4)));
      }
    }
    return lines;
  }

  private static final class Line {
    final String lane;
    final String traceId;
    final String id;
    final String where;

    Line(String lane, String traceId, String id, String where) {
      this.lane = lane;
      this.traceId = traceId;
      this.id = id;
      this.where = where;
    }

    String laneAndTraceId() {
      return lane + " " + traceId;
    }
  }
}
