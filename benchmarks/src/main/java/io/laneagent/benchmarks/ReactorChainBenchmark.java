package io.laneagent.benchmarks;

import java.util.concurrent.TimeUnit;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the "reactor" instrumentation's lift hook costs: with the agent every operator assembly goes
 * through the hook, and a chain subscribed with lanes has a lane-restoring subscriber around each
 * operator. {@code monoChain}: a four-operator {@code Mono} assembled and blocked on each call, as
 * reactive request code builds its chain per request. {@code fluxRange}: 100 elements through three
 * operators — the per-signal cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReactorChainBenchmark {

  /**
   * Whether the subscribing thread is inside a request with a lane (only meaningful with the agent);
   * without, lanes have been seen elsewhere in the JVM, as in a service.
   */
  @Param({"false", "true"})
  public boolean lane;

  private Object scope;

  @Setup(Level.Trial)
  public void setUp() {
    if (!lane && Lanes.agentAttached()) {
      // as in a service: other requests have had lanes (the agent's checks are no longer short-cut),
      // this chain has none
      Lanes.exit(Lanes.enter(true));
    }
    scope = Lanes.enter(lane);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Lanes.exit(scope);
  }

  @Benchmark
  public Integer monoChain() {
    return Mono.just(1).map(i -> i + 1).filter(i -> i > 0).flatMap(Mono::just).block();
  }

  @Benchmark
  public Integer fluxRange() {
    return Flux.range(0, 100).map(i -> i + 1).filter(i -> (i & 1) == 0).reduce(0, Integer::sum).block();
  }
}
