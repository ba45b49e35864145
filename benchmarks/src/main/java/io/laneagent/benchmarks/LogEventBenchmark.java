package io.laneagent.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.OutputStreamAppender.Builder;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@code lane.mdc} costs per log event: one INFO event through Logback and through Log4j2, each to an
 * appender that formats {@code %X{lane} %X{traceId} %m} into a stream that discards the bytes (the
 * formatting an application pays anyway is in every setup). Run without the agent, with it and
 * {@code lane.mdc=false}, and with it on; {@code lane} puts the thread into a request's lane (agent only).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogEventBenchmark {

  private static final String PATTERN = "%X{lane} %X{traceId} %m%n";

  @Param({"false", "true"})
  public boolean lane;

  private ch.qos.logback.classic.Logger logback;
  private Logger log4j2;
  private org.apache.logging.log4j.core.LoggerContext log4j2Context;
  private Object scope;
  private int sequence;

  @Setup(Level.Trial)
  public void setUp() {
    if (!lane && Lanes.agentAttached()) {
      Lanes.exit(Lanes.enter(true)); // as in a service: lanes have been seen, just not in this work
    }
    scope = Lanes.enter(lane);
    // each logger writes one line first, read back: the benchmark measures events that format without an
    // error (a Logback context without an MDC adapter fails every event, which an appender swallows) and,
    // with the agent in a lane, that carry it
    String expected = "gray".equals(System.getProperty("bench.expect.lane", lane ? "gray" : "")) ? "gray" : "";
    logback = logback(Capture.INSTANCE);
    logback.info("first");
    Capture.INSTANCE.check("Logback", expected);
    logback = logback(Discard.INSTANCE);
    log4j2 = log4j2(Capture.INSTANCE);
    log4j2.info("first");
    Capture.INSTANCE.check("Log4j2", expected);
    log4j2Context.stop();
    log4j2 = log4j2(Discard.INSTANCE);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Lanes.exit(scope);
    log4j2Context.stop();
  }

  @Benchmark
  public void logbackEvent() {
    logback.info("request {} done", ++sequence);
  }

  @Benchmark
  public void log4j2Event() {
    log4j2.info("request {} done", ++sequence);
  }

  private static ch.qos.logback.classic.Logger logback(OutputStream target) {
    LoggerContext context = new LoggerContext();
    // what SLF4J's Logback provider does for its own context; a context made by hand has none (1.5+)
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(target);
    appender.start();
    ch.qos.logback.classic.Logger logger = context.getLogger("bench");
    logger.setAdditive(false);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    logger.addAppender(appender);
    return logger;
  }

  private Logger log4j2(OutputStream target) {
    ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
    config.setStatusLevel(org.apache.logging.log4j.Level.WARN);
    config.add(config.newRootLogger(org.apache.logging.log4j.Level.OFF));
    log4j2Context = Configurator.initialize(config.build());
    org.apache.logging.log4j.core.appender.OutputStreamAppender appender =
        new Builder<>().setName("bench").setTarget(target)
            .setLayout(PatternLayout.newBuilder().withPattern(PATTERN).build()).build();
    appender.start();
    Logger logger = log4j2Context.getLogger("bench");
    logger.setAdditive(false);
    logger.setLevel(org.apache.logging.log4j.Level.INFO);
    logger.addAppender(appender);
    return logger;
  }

  /** Where the first line of each logger goes, to be checked. */
  private static final class Capture extends java.io.ByteArrayOutputStream {
    static final Capture INSTANCE = new Capture();

    void check(String library, String lane) {
      String line = toString(java.nio.charset.StandardCharsets.UTF_8).trim();
      reset();
      if (!line.equals((lane + "  first").trim()) && !line.equals(lane + "  first")) {
        throw new IllegalStateException(library + " wrote '" + line + "', expected lane '" + lane + "' and the message");
      }
    }
  }

  /** Where formatted lines go: nowhere, after being written. */
  private static final class Discard extends OutputStream {
    static final Discard INSTANCE = new Discard();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
