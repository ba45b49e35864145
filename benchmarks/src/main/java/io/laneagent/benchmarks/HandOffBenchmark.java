package io.laneagent.benchmarks;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One hand-off to a pool and back: {@code submit(task).get()} on a one-thread ThreadPoolExecutor and a
 * {@code submit(task).join()} on a one-thread ForkJoinPool. The difference between runs with and
 * without the agent (and with and without a lane on the submitting thread) is what one hand-off costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandOffBenchmark {

  /** Whether the submitting thread is inside a request with a lane (only meaningful with the agent). */
  @Param({"false", "true"})
  public boolean lane;

  private ExecutorService threadPool;
  private ForkJoinPool forkJoinPool;
  private Object scope;
  private final Runnable task = () -> {};

  @Setup(Level.Trial)
  public void setUp() {
    threadPool = Executors.newSingleThreadExecutor();
    forkJoinPool = new ForkJoinPool(1);
    scope = Lanes.enter(lane);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Lanes.exit(scope);
    threadPool.shutdownNow();
    forkJoinPool.shutdownNow();
  }

  @Benchmark
  public Object threadPoolExecutor() throws Exception {
    return threadPool.submit(task).get();
  }

  @Benchmark
  public Object forkJoinPool() {
    return forkJoinPool.submit(task).join();
  }

  /**
   * 1,000 tasks handed off back to back, then a wait for the last: the worker stays busy, so the time
   * per task is the hand-off itself (queueing, and the agent's capture and restore), not a thread wake-up.
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void threadPoolExecutorBatch() throws Exception {
    CountDownLatch done = new CountDownLatch(BATCH);
    Runnable countDown = done::countDown;
    for (int i = 0; i < BATCH; i++) {
      threadPool.execute(countDown);
    }
    done.await();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void forkJoinPoolBatch() throws Exception {
    CountDownLatch done = new CountDownLatch(BATCH);
    Runnable countDown = done::countDown;
    for (int i = 0; i < BATCH; i++) {
      forkJoinPool.execute(countDown);
    }
    done.await();
  }

  static final int BATCH = 1000;
}
