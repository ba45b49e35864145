package io.laneagent.testapp.executors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What the JDK documents about its pools, checked from inside a request (so the agent is capturing):
 * tasks keep their identity everywhere the application can see them.
 */
final class PoolContracts {

  private PoolContracts() {}

  static String check() throws Exception {
    List<String> failures = new ArrayList<>();
    removeRemovesTheTask(failures);
    scheduledQueueHoldsScheduledFutures(failures);
    shutdownNowReturnsRunnableTasks(failures);
    hooksSeeTheApplicationsTasks(failures);
    rejectionThrowsAndLeavesThePoolUsable(failures);
    return failures.isEmpty() ? "contracts ok" : "contracts failed: " + failures;
  }

  private static ThreadPoolExecutor single() {
    return new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(16));
  }

  private static void removeRemovesTheTask(List<String> failures) {
    ThreadPoolExecutor pool = single();
    CompletableFuture<Void> release = new CompletableFuture<>();
    try {
      pool.execute(release::join);
      Runnable queued = () -> {};
      pool.execute(queued);
      if (!pool.getQueue().contains(queued)) {
        failures.add("the queue does not hold the task the application executed");
      }
      if (!pool.remove(queued) || pool.getQueue().contains(queued)) {
        failures.add("ThreadPoolExecutor.remove(task) did not remove it");
      }
    } finally {
      release.complete(null);
      pool.shutdown();
    }
  }

  private static void scheduledQueueHoldsScheduledFutures(List<String> failures) {
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
    try {
      ScheduledFuture<?> future = pool.schedule(() -> {}, 1, TimeUnit.HOURS);
      Object element = pool.getQueue().peek();
      if (!(element instanceof RunnableScheduledFuture) || element != future) {
        failures.add("ScheduledThreadPoolExecutor.getQueue() holds " + element + ", not the returned " + future);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void shutdownNowReturnsRunnableTasks(List<String> failures) throws Exception {
    ThreadPoolExecutor pool = single();
    CompletableFuture<Void> release = new CompletableFuture<>();
    pool.execute(release::join);
    boolean[] ran = new boolean[2];
    Runnable first = () -> ran[0] = true;
    Runnable second = () -> ran[1] = true;
    pool.execute(first);
    pool.execute(second);
    List<Runnable> pending = pool.shutdownNow();
    release.complete(null);
    Set<Runnable> identities = Collections.newSetFromMap(new IdentityHashMap<>());
    identities.addAll(pending);
    if (pending.size() != 2 || !identities.contains(first) || !identities.contains(second)) {
      failures.add("shutdownNow() returned " + pending + ", not the two queued tasks");
    }
    for (Runnable task : pending) {
      task.run();
    }
    if (!ran[0] || !ran[1]) {
      failures.add("tasks returned by shutdownNow() did not run when the application ran them");
    }
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static void hooksSeeTheApplicationsTasks(List<String> failures) throws Exception {
    List<Runnable> before = Collections.synchronizedList(new ArrayList<>());
    List<Runnable> after = Collections.synchronizedList(new ArrayList<>());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(16)) {
      @Override
      protected void beforeExecute(Thread thread, Runnable task) {
        before.add(task);
      }

      @Override
      protected void afterExecute(Runnable task, Throwable thrown) {
        after.add(task);
      }
    };
    Runnable task = () -> {};
    pool.execute(task);
    pool.execute(task); // resubmitted: the same object both times, never a wrapper of a wrapper
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    if (before.size() != 2 || before.get(0) != task || before.get(1) != task) {
      failures.add("beforeExecute saw " + before + " instead of the application's task twice");
    }
    if (after.size() != 2 || after.get(0) != task || after.get(1) != task) {
      failures.add("afterExecute saw " + after + " instead of the application's task twice");
    }
  }

  private static void rejectionThrowsAndLeavesThePoolUsable(List<String> failures) throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new SynchronousQueue<>());
    CompletableFuture<Void> release = new CompletableFuture<>();
    pool.execute(release::join);
    boolean rejected = false;
    try {
      pool.execute(() -> {});
    } catch (RejectedExecutionException expected) {
      rejected = true;
    }
    release.complete(null);
    if (!rejected) {
      failures.add("a saturated pool with AbortPolicy did not reject");
    }
    CompletableFuture<Boolean> later = new CompletableFuture<>();
    for (int i = 0; i < 100 && !later.isDone(); i++) {
      try {
        pool.execute(() -> later.complete(true));
      } catch (RejectedExecutionException busy) {
        Thread.sleep(10); // the worker is finishing the released task
      }
    }
    if (!later.get(10, TimeUnit.SECONDS)) {
      failures.add("the pool did not run tasks after a rejection");
    }
    pool.shutdown();
  }
}
