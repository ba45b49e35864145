package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.laneagent.bootstrap.PooledTaskRun;
import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.method.MethodDescription;

/**
 * {@code ThreadPoolExecutor}: {@code execute} remembers the submitter's lanes for the task (every
 * {@code submit}, {@code invokeAll} and {@code invokeAny} goes through it), {@code runWorker} runs each
 * task with them — its {@code task.run()} call is replaced by {@code PooledTaskRun.run(task)}, because the
 * call sits inside the worker's loop, between the application's {@code beforeExecute} and
 * {@code afterExecute}. Worker threads created by {@code addWorker} inherit nothing.
 */
final class ThreadPoolExecutorInstrumentation extends NamedTypeInstrumentation {

  ThreadPoolExecutorInstrumentation() {
    super("java.util.concurrent.ThreadPoolExecutor", true);
  }


  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"execute(Ljava/lang/Runnable;)V"}, any(),
        "io.laneagent.instrumentation.executors.CaptureFirstArgumentAdvice");
    target.apply(new String[] {"addWorker(Ljava/lang/Runnable;Z)Z"}, any(),
        "io.laneagent.instrumentation.executors.SuppressCaptureAdvice");
    MethodDescription run;
    try {
      run = new MethodDescription.ForLoadedMethod(PooledTaskRun.class.getMethod("run", Runnable.class));
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
    target.visit(new String[] {"runWorker(Ljava/util/concurrent/ThreadPoolExecutor$Worker;)V"},
        MemberSubstitution.relaxed()
            .method(named("run").and(takesArguments(0)).and(isDeclaredBy(Runnable.class)))
            .replaceWith(run)
            .on(named("runWorker")));
  }
}
