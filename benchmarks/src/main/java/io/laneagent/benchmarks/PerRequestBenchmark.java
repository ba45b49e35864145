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

  /** The inbound header: a lane, or none (then the own lane goes out). */
  @Param({"gray", "none"})
  public String inbound;

  @Setup
  public void settings() {
    LaneSettings.install(LaneSettings.builder().local("prod").build());
  }

  @Benchmark
  public void inboundCaptureAndOneOutboundCall(Blackhole blackhole) {
    InboundLaneReader reader = InboundLaneReader.start();
    if (!inbound.equals("none")) {
      reader.add(0, inbound);
    }
    Lanes lanes = reader.finish("benchmark");
    Object token = LaneContext.enterInbound(lanes);
    try {
      for (OutboundHeaders out = OutboundHeaders.start("benchmark"); out != null && out.next(); ) {
        blackhole.consume(out.name());
        blackhole.consume(out.value());
      }
    } finally {
      LaneContext.exitInbound(token);
    }
  }
}
