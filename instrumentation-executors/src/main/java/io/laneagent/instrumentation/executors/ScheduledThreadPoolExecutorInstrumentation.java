package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code ScheduledThreadPoolExecutor.delayedExecute}: every {@code schedule*} and {@code execute} of a
 * scheduled pool queues its task here (its workers then run it through {@code runWorker}). One-shot
 * tasks keep the submitter's lanes; periodic ones are scheduled work, not part of any request, and run
 * with the own lane.
 */
final class ScheduledThreadPoolExecutorInstrumentation extends NamedTypeInstrumentation {

  ScheduledThreadPoolExecutorInstrumentation() {
    super("java.util.concurrent.ScheduledThreadPoolExecutor", true);
  }


  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"delayedExecute(Ljava/util/concurrent/RunnableScheduledFuture;)V"}, any(),
        "io.laneagent.instrumentation.executors.ScheduledHandOffAdvice");
  }
}
