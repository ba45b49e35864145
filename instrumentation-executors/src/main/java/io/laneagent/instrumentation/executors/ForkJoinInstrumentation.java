package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * ForkJoin: every task enters a pool through {@code ForkJoinPool.WorkQueue.push} ({@code execute},
 * {@code submit}, {@code invoke}, {@code fork()}, {@code CompletableFuture.*Async}, parallel streams),
 * and runs through {@code ForkJoinTask.doExec} — on a worker, or inline on the thread that joins it,
 * whose lanes then stay. Worker creation inherits nothing.
 */
final class ForkJoinInstrumentation {

  private ForkJoinInstrumentation() {}

  /** {@code ForkJoinTask.doExec} (returns int up to JDK 18, void since). */
  static final class Tasks implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("java.util.concurrent.ForkJoinTask");
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return Matchers.anyLoader();
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
  static final class Queues implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("java.util.concurrent.ForkJoinPool$WorkQueue");
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return Matchers.anyLoader();
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
  static final class Pools implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named("java.util.concurrent.ForkJoinPool");
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return Matchers.anyLoader();
    }

    @Override
    public void adviseMethods(AdviceTarget target) {
      target.apply(new String[] {"createWorker()Z"}, any(),
          "io.laneagent.instrumentation.executors.SuppressCaptureAdvice");
    }
  }
}
