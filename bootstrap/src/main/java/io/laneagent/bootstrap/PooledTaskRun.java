package io.laneagent.bootstrap;

/**
 * What {@code ThreadPoolExecutor.runWorker} calls instead of {@code task.run()} (a call
 * redirect, {@code RunnableRunRedirect} in the executors instrumentation): the task runs with its hand-off lanes.
 *
 * <p>Unlike advice, a substituted call has no {@code suppress}: whatever escapes it escapes into the
 * pool. So this class has no state of its own (it cannot fail to initialise) and shields the task from
 * the lane machinery: if that fails in any way, the task still runs, once, without lanes.
 */
public final class PooledTaskRun {

  private PooledTaskRun() {}

  public static void run(Runnable task) {
    Object token;
    try {
      token = LaneTasks.enter(task);
    } catch (Throwable laneFailure) {
      token = null;
    }
    try {
      task.run();
    } finally {
      if (token != null) {
        try {
          LaneTasks.exit(token);
        } catch (Throwable laneFailure) {
          // the task ran; restoring the worker's lanes is all that failed
        }
      }
    }
  }
}
