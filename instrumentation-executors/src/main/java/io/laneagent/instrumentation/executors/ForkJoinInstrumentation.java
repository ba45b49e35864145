package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * ForkJoin: every task enters a pool through {@code ForkJoinPool.WorkQueue.push} ({@code execute},
 * {@code submit}, {@code invoke}, {@code fork()}, {@code CompletableFuture.*Async}, parallel streams),
 * and runs through {@code ForkJoinTask.doExec} — on a worker, or inline on the thread that joins it,
 * whose lanes then stay. Worker creation inherits nothing.
 */
final class ForkJoinInstrumentation {

  private ForkJoinInstrumentation() {}

  /** {@code ForkJoinTask.doExec} (returns int up to JDK 18, void since). */
  static final class Tasks extends NamedTypeInstrumentation {

    Tasks() {
      super("java.util.concurrent.ForkJoinTask", true);
    }

    @Override
    public void adviseMethods(AdviceTarget target) {
      target.apply(new String[] {"doExec()I", "doExec()V"}, any(),
          "io.laneagent.instrumentation.executors.RunThisIfCapturedAdvice");
    }
  }

  /**
   * {@code ForkJoinPool.WorkQueue.push} (JDK 17: two arguments; JDK 19+: three), and JDK 17's
   * {@code lockedPush} for external submissions.
   */
  static final class Queues extends NamedTypeInstrumentation {

    Queues() {
      super("java.util.concurrent.ForkJoinPool$WorkQueue", true);
    }

    @Override
    public void adviseMethods(AdviceTarget target) {
      target.apply(new String[] {
              "push(Ljava/util/concurrent/ForkJoinTask;Ljava/util/concurrent/ForkJoinPool;)V",
              "push(Ljava/util/concurrent/ForkJoinTask;Ljava/util/concurrent/ForkJoinPool;Z)V",
              "lockedPush(Ljava/util/concurrent/ForkJoinTask;)Z"},
          any(), "io.laneagent.instrumentation.executors.CaptureFirstArgumentAdvice");
    }
  }

  /** {@code ForkJoinPool.createWorker}: new workers start without lanes. */
  static final class Pools extends NamedTypeInstrumentation {

    Pools() {
      super("java.util.concurrent.ForkJoinPool", true);
    }

    @Override
    public void adviseMethods(AdviceTarget target) {
      target.apply(new String[] {"createWorker()Z"}, any(),
          "io.laneagent.instrumentation.executors.SuppressCaptureAdvice");
    }
  }
}
