package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * {@code ThreadPoolExecutor}: {@code execute} remembers the submitter's lanes for the task (every
 * {@code submit}, {@code invokeAll} and {@code invokeAny} goes through it), {@code runWorker} runs each
 * task with them — its {@code task.run()} call is replaced by {@code PooledTaskRun.run(task)} ({@link RunnableRunRedirect}), because the
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
    target.visit(new String[] {"runWorker(Ljava/util/concurrent/ThreadPoolExecutor$Worker;)V"},
        new AsmVisitorWrapper.ForDeclaredMethods().method(named("runWorker"), new RunnableRunRedirect()));
  }
}
