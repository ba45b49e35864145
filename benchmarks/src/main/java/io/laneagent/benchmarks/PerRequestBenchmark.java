package io.laneagent.benchmarks;

import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.LaneSettings;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundHeaders;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the agent does per request, without the bytecode around it: read and validate the inbound lane
 * header, enter the request's scope, walk the headers one outbound call must carry, leave the scope.
 * Runs the agent's own core (the bootstrap module) in-process; the advice that calls it adds a few
 * static calls on top.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerRequestBenchmark {

  /**
   * The inbound header: a lane, none (then the own lane goes out), or {@code hostile}: a value that must be
   * dropped (a non-ASCII letter and CR LF, as a header-injection attempt sends), on every request.
   */
  @Param({"gray", "none", "hostile"})
  public String inbound;

  private static final String HOSTILE = "gr\u00e4y\r\nX-Injected: 1";

  /**
   * The trace headers: {@code off} ({@code lane.trace-headers=none}, lanes only), {@code absent} (the Istio
   * list configured, none came in), {@code nine} (all nine of the Istio list came in and go out).
   */
  @Param({"off", "absent", "nine"})
  public String trace;

  /** Realistic values of the Istio list, in {@link LaneSettings#ISTIO_TRACE_HEADERS} order. */
  private static final String[] ISTIO_VALUES = {"6a8a3c9e-6f2d-9c1b-b1e5-7f3c2d1e0a9b", "80f198ee56343ba864fe8b2a57d3eff7",
      "e457b5a2e4d86bd1", "05e3ac9a4f6e3b90", "1", "0", "AAEC+/8=;b=c", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"};

  /** The request's own headers an outbound client already has (none of ours). */
  private static final String NONE = null;

  @Setup
  public void settings() {
    LaneSettings.Builder settings = LaneSettings.builder().local("prod");
    if (trace.equals("off")) {
      settings.traceHeaders();
    }
    LaneSettings.install(settings.build());
  }

  @Benchmark
  public void inboundCaptureAndOneOutboundCall(Blackhole blackhole) {
    InboundLaneReader reader = InboundLaneReader.start();
    if (!inbound.equals("none")) {
      reader.add(0, inbound.equals("hostile") ? HOSTILE : inbound);
    }
    if (trace.equals("nine")) {
      for (int i = 0; i < ISTIO_VALUES.length; i++) {
        reader.add(1 + i, ISTIO_VALUES[i]);
      }
    }
    Lanes lanes = reader.finish("benchmark");
    Object token = LaneContext.enterInbound(lanes);
    try {
      for (OutboundHeaders out = OutboundHeaders.start("benchmark"); out != null && out.next(); ) {
        blackhole.consume(out.name());
        blackhole.consume(out.valueGiven(NONE));
      }
    } finally {
      LaneContext.exitInbound(token);
    }
  }
}
