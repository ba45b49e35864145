package io.laneagent.bootstrap;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the MBean's counters cost one request: a lane captured, one outbound call's headers counted, one
 * hand-off carried (in the core's package: the outbound and hand-off counters are the core's own calls).
 * {@code oneThread} alone; {@code twoThreads} with both cores counting at once, as a busy service does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CountersBenchmark {

  @Benchmark
  public void oneThread() {
    countOneRequest();
  }

  @Benchmark
  @Threads(2)
  public void twoThreads() {
    countOneRequest();
  }

  private static void countOneRequest() {
    LaneCounters.captured("javax.servlet");
    LaneCounters.outbound("HttpURLConnection", 1, 0);
    LaneCounters.handOff();
  }
}
