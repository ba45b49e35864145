package io.laneagent.instrumentation.executors;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Lanes across the JDK's thread hand-offs: {@code ThreadPoolExecutor} (and everything built on it:
 * {@code Executors.*}, Spring's {@code ThreadPoolTaskExecutor}), {@code ScheduledThreadPoolExecutor}
 * (one-shot tasks; periodic ones run with the own lane), {@code ForkJoinPool} and {@code fork()}
 * (so {@code CompletableFuture.*Async} and parallel streams), {@code Thread.start}, {@code Timer} and
 * virtual threads. Tasks are never wrapped: see {@code LaneTasks}.
 */
public final class ExecutorsInstrumentation extends GroupInstrumentation {

  public ExecutorsInstrumentation() {
    super("executors",
        new ThreadPoolExecutorInstrumentation(),
        new ScheduledThreadPoolExecutorInstrumentation(),
        new ForkJoinInstrumentation.Tasks(),
        new ForkJoinInstrumentation.Queues(),
        new ForkJoinInstrumentation.Pools(),
        new ThreadInstrumentation.Start(),
        new SubclassRunInstrumentation("java.lang.Thread"),
        new VirtualThreadInstrumentation(),
        new TimerInstrumentation.Schedule(),
        new SubclassRunInstrumentation("java.util.TimerTask"));
  }

  @Override
  public String supports() {
    return "JDK 8+ executors, ForkJoinPool, CompletableFuture, parallel streams, Thread.start, Timer, virtual threads; Spring @Async, TaskScheduler, @Scheduled";
  }
}
