package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ScheduledThreadPoolExecutor.delayedExecute}: every {@code schedule*} and {@code execute} of a
 * scheduled pool queues its task here (its workers then run it through {@code runWorker}). One-shot
 * tasks keep the submitter's lanes; periodic ones are scheduled work, not part of any request, and run
 * with the own lane.
 */
final class ScheduledThreadPoolExecutorInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.util.concurrent.ScheduledThreadPoolExecutor");
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.anyLoader();
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"delayedExecute(Ljava/util/concurrent/RunnableScheduledFuture;)V"}, any(),
        "io.laneagent.instrumentation.executors.ScheduledHandOffAdvice");
  }
}
