package io.laneagent.testapp.executors;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * The JDK HttpServer app making its downstream call through a thread hand-off ({@code via=<name>}):
 * thread pools, scheduled pools, ForkJoin, CompletableFuture, parallel streams, threads, timers and
 * virtual threads — plain JDK code, no lane code. Each task checks it runs where its name says (a
 * worker of that pool, never the request thread) and otherwise makes no call. {@code via=storm} fans one request out into many
 * tasks over small shared pools; {@code via=contracts} checks that the pools still behave as the JDK
 * documents (identity of tasks, queues, hooks) while the agent is attached.
 */
public final class ExecutorsApp {

  private static final ExecutorService FIXED_2 = Executors.newFixedThreadPool(2, threadsNamed("fixed2"));
  private static final ExecutorService FIXED_4 = Executors.newFixedThreadPool(4, threadsNamed("fixed4"));
  private static final ExecutorService CACHED = Executors.newCachedThreadPool(threadsNamed("cached"));
  private static final ExecutorService SINGLE = Executors.newSingleThreadExecutor(threadsNamed("single-thread"));
  private static final ExecutorService UNCONFIGURABLE = Executors.unconfigurableExecutorService(FIXED_2);
  private static final ForkJoinPool WORK_STEALING = (ForkJoinPool) Executors.newWorkStealingPool(2);
  private static final ScheduledExecutorService SCHEDULED_2 = Executors.newScheduledThreadPool(2, threadsNamed("scheduled2"));
  private static final ScheduledExecutorService SINGLE_SCHEDULED =
      Executors.newSingleThreadScheduledExecutor(threadsNamed("single-scheduled"));
  private static final ForkJoinPool FORK_JOIN_2 = new ForkJoinPool(2);
  /** One-worker pools by name ({@code via=fjp-own-pool&pool=<name>}): the first task starts the worker. */
  private static final Map<String, ForkJoinPool> OWN_POOLS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Timer TIMER = new Timer("probe-timer", true);

  public static void main(String[] args) throws Exception {
    register("tpe", p -> FIXED_2.submit(on(p, "a fixed2 worker", nameStarts("fixed2-"))).get());
    register("tpe-execute", p -> {
      CompletableFuture<String> result = new CompletableFuture<>();
      Callable<String> call = on(p, "a fixed2 worker", nameStarts("fixed2-"));
      FIXED_2.execute(() -> complete(result, call));
      return result.get(20, TimeUnit.SECONDS);
    });
    register("tpe-invokeall", p -> FIXED_4.invokeAll(List.of(on(p, "a fixed4 worker", nameStarts("fixed4-")))).get(0).get());
    register("tpe-invokeany", p -> FIXED_4.invokeAny(List.of(on(p, "a fixed4 worker", nameStarts("fixed4-")))));
    register("tpe-callerruns", ExecutorsApp::callerRuns);
    register("cached", p -> CACHED.submit(on(p, "a cached-pool worker", nameStarts("cached-"))).get());
    register("single", p -> SINGLE.submit(on(p, "the single-thread executor's worker", nameStarts("single-thread-"))).get());
    register("unconfigurable", p -> UNCONFIGURABLE.submit(on(p, "a fixed2 worker", nameStarts("fixed2-"))).get());
    register("work-stealing", p -> WORK_STEALING.submit(on(p, "a work-stealing pool worker", workerOf(WORK_STEALING))).get());
    register("stpe-once", p -> SCHEDULED_2.schedule(on(p, "a scheduled2 worker", nameStarts("scheduled2-")), 5, TimeUnit.MILLISECONDS).get());
    register("single-scheduled", p -> SINGLE_SCHEDULED.schedule(
        on(p, "the single scheduled worker", nameStarts("single-scheduled-")), 5, TimeUnit.MILLISECONDS).get());
    register("stpe-periodic", p -> periodic(p, false));
    register("stpe-fixed-delay", p -> periodic(p, true));
    // the common pool runs CompletableFuture's async tasks only when its parallelism is 2 or more (the test
    // JVMs set it: on 2 cores it would be 1, and the JDK would start a thread per task instead)
    register("cf-common", p -> CompletableFuture.supplyAsync(unchecked(on(p, "a common-pool worker",
        workerOf(ForkJoinPool.commonPool())))).get());
    register("cf-pool", p -> CompletableFuture.supplyAsync(unchecked(on(p, "a fixed4 worker", nameStarts("fixed4-"))), FIXED_4).get());
    register("cf-chain", p -> {
      Callable<String> call = on(p, "a fixed4 worker", nameStarts("fixed4-"));
      return CompletableFuture.supplyAsync(() -> "first", FIXED_2).thenApplyAsync(first -> unchecked(call).get(), FIXED_4).get();
    });
    register("fjp", p -> FORK_JOIN_2.submit(on(p, "a fork-join worker", workerOf(FORK_JOIN_2))).get());
    register("fjp-own-pool", p -> {
      ForkJoinPool pool = OWN_POOLS.computeIfAbsent(p.get("pool"), name -> ownPool(p));
      return pool.submit(on(p, "the worker of pool " + p.get("pool"), workerOf(pool))).get();
    });
    register("fork", ExecutorsApp::fork);
    register("parallel", ExecutorsApp::parallel);
    register("thread", p -> {
      String[] result = new String[1];
      Callable<String> call = on(p, "the app's own thread", nameStarts("app-thread"));
      Thread thread = new Thread(() -> result[0] = unchecked(call).get(), "app-thread");
      thread.start();
      thread.join();
      return result[0];
    });
    register("thread-subclass", p -> {
      CallingThread thread = new CallingThread(on(p, "the app's Thread subclass", nameStarts("app-thread-subclass")));
      thread.start();
      thread.join();
      return thread.result;
    });
    register("timer", p -> {
      CompletableFuture<String> result = new CompletableFuture<>();
      Callable<String> call = on(p, "the timer thread", nameStarts("probe-timer"));
      TIMER.schedule(new TimerTask() {
        @Override
        public void run() {
          complete(result, call);
        }
      }, 5);
      return result.get(20, TimeUnit.SECONDS);
    });
    register("timer-periodic", ExecutorsApp::timerPeriodic);
    register("virtual", p -> {
      String[] result = new String[1];
      Callable<String> call = on(p, "a virtual thread", ExecutorsApp::isVirtual);
      Method start = Thread.class.getMethod("startVirtualThread", Runnable.class); // JDK 21+
      Thread thread = (Thread) start.invoke(null, (Runnable) () -> result[0] = unchecked(call).get());
      thread.join();
      return result[0];
    });
    register("virtual-executor", p -> {
      Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor"); // JDK 21+
      ExecutorService perTask = (ExecutorService) factory.invoke(null);
      try {
        return perTask.submit(on(p, "a virtual thread", ExecutorsApp::isVirtual)).get();
      } finally {
        perTask.shutdown();
      }
    });
    register("thread-per-task", p -> {
      Method factory = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class); // JDK 21+
      ExecutorService perTask = (ExecutorService) factory.invoke(null, threadsNamed("per-task"));
      try {
        return perTask.submit(on(p, "a thread of its own", nameStarts("per-task-"))).get();
      } finally {
        perTask.shutdown();
      }
    });
    register("storm", ExecutorsApp::storm);
    register("app-otel-context", ExecutorsApp::appOtelContext);
    register("contracts", p -> PoolContracts.check());
    JdkHttpServerApp.main(args);
  }

  /**
   * The call, for a task that must run on a thread {@code expected} accepts — never the request's own
   * thread. Run anywhere else, it makes no call and answers where it ran: a hand-off that quietly ran on
   * the request thread would carry the lane without the agent carrying anything.
   */
  private static Callable<String> on(Map<String, String> params, String where, Predicate<Thread> expected) {
    Thread requestThread = Thread.currentThread();
    Callable<String> call = call(params);
    return () -> {
      Thread current = Thread.currentThread();
      if (current == requestThread || !expected.test(current)) {
        return "ran on " + current + ", not on " + where;
      }
      return call.call();
    };
  }

  /**
   * A one-worker pool whose factory starts a watchdog thread beside each worker it makes, as pools that
   * monitor their workers do; the watchdog calls once with id {@code <id of the creating request>-watchdog}.
   * The pool makes its worker inside the first submit, on that request's thread.
   */
  private static ForkJoinPool ownPool(Map<String, String> creating) {
    Map<String, String> watchdogCall = new LinkedHashMap<>(creating);
    watchdogCall.remove("via");
    watchdogCall.put("id", creating.get("id") + "-watchdog");
    ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool -> {
      ForkJoinWorkerThread worker = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      Thread watchdog = new Thread(() -> {
        try {
          Probe.call(watchdogCall);
        } catch (Exception e) {
          e.printStackTrace();
        }
      }, "watchdog-of-" + worker.getName());
      watchdog.setDaemon(true);
      watchdog.start();
      return worker;
    };
    return new ForkJoinPool(1, factory, null, false);
  }

  private static Predicate<Thread> nameStarts(String prefix) {
    return thread -> thread.getName().startsWith(prefix);
  }

  private static Predicate<Thread> workerOf(ForkJoinPool pool) {
    return thread -> thread instanceof ForkJoinWorkerThread && ((ForkJoinWorkerThread) thread).getPool() == pool;
  }

  private static boolean isVirtual(Thread thread) {
    try {
      return (Boolean) Thread.class.getMethod("isVirtual").invoke(thread); // JDK 21+
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  private static ThreadFactory threadsNamed(String name) {
    AtomicInteger next = new AtomicInteger();
    return task -> new Thread(task, name + "-" + next.incrementAndGet());
  }

  private static final io.opentelemetry.context.ContextKey<String> APP_KEY =
      io.opentelemetry.context.ContextKey.named("app-key");

  /**
   * The application's own opentelemetry-context (1.40, not the agent's): a value it puts in its Context
   * travels with {@code Context.taskWrapping} to the pool, and the call sends it as {@code x-app-context}.
   */
  private static String appOtelContext(Map<String, String> params) throws Exception {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.remove("via");
    ExecutorService wrapped = io.opentelemetry.context.Context.taskWrapping(FIXED_2);
    try (io.opentelemetry.context.Scope ignored =
        io.opentelemetry.context.Context.current().with(APP_KEY, "app-value").makeCurrent()) {
      return wrapped.submit(() -> {
        copy.put("appHeaderName", "x-app-context");
        copy.put("appHeader", String.valueOf(io.opentelemetry.context.Context.current().get(APP_KEY)));
        return Probe.call(copy);
      }).get(20, TimeUnit.SECONDS);
    }
  }

  private static void register(String via, Probe.HandOff handOff) {
    Probe.registerHandOff(via, handOff);
  }

  private static Callable<String> call(Map<String, String> params) {
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.remove("via");
    return () -> Probe.call(copy);
  }

  private static java.util.function.Supplier<String> unchecked(Callable<String> call) {
    return () -> {
      try {
        return call.call();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
  }

  private static void complete(CompletableFuture<String> result, Callable<String> call) {
    try {
      result.complete(call.call());
    } catch (Exception e) {
      result.completeExceptionally(e);
    }
  }

  /**
   * A saturated pool with CallerRunsPolicy: the rejected task runs on the request thread itself — no
   * hand-off; it must still run with the caller's lane (the agent's capture at {@code execute} must not
   * disturb it).
   */
  private static String callerRuns(Map<String, String> params) throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
        new ThreadPoolExecutor.CallerRunsPolicy());
    CompletableFuture<Void> release = new CompletableFuture<>();
    Thread caller = Thread.currentThread();
    try {
      pool.execute(release::join); // occupies the only worker
      CompletableFuture<String> result = new CompletableFuture<>();
      Callable<String> call = call(params);
      pool.execute(() -> complete(result, Thread.currentThread() == caller ? call : () -> "ran on "
          + Thread.currentThread() + ", not on the caller"));
      return result.get(20, TimeUnit.SECONDS);
    } finally {
      release.complete(null);
      pool.shutdown();
    }
  }

  /** A periodic task registered inside the request: it is scheduled work and runs in the own lane. */
  private static String periodic(Map<String, String> params, boolean fixedDelay) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicInteger runs = new AtomicInteger();
    Callable<String> call = on(params, "a scheduled2 worker", nameStarts("scheduled2-"));
    Runnable task = () -> {
      if (runs.incrementAndGet() == 2) { // the second run
        complete(first, call);
      }
    };
    ScheduledFuture<?> job = fixedDelay
        ? SCHEDULED_2.scheduleWithFixedDelay(task, 1, 5, TimeUnit.MILLISECONDS)
        : SCHEDULED_2.scheduleAtFixedRate(task, 1, 5, TimeUnit.MILLISECONDS);
    try {
      return first.get(20, TimeUnit.SECONDS);
    } finally {
      job.cancel(false);
    }
  }

  private static String timerPeriodic(Map<String, String> params) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicInteger runs = new AtomicInteger();
    Callable<String> call = on(params, "the timer thread", nameStarts("probe-timer"));
    TimerTask task = new TimerTask() {
      @Override
      public void run() {
        if (runs.incrementAndGet() == 2) {
          complete(first, call);
        }
      }
    };
    TIMER.scheduleAtFixedRate(task, 1, 5);
    try {
      return first.get(20, TimeUnit.SECONDS);
    } finally {
      task.cancel();
    }
  }

  /**
   * One request, {@code n} tasks spread over small shared pools (2 and 4 threads, a scheduled pool, a
   * ForkJoin pool); task k calls with id {@code <id>-<k>}. Concurrent storms in different lanes show
   * whether any task ever sees another request's lane.
   */
  private static String storm(Map<String, String> params) throws Exception {
    int n = Integer.parseInt(params.getOrDefault("n", "50"));
    String id = params.get("id");
    List<Future<String>> results = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      Map<String, String> task = new LinkedHashMap<>(params);
      task.remove("via");
      task.put("id", id + "-" + k);
      Callable<String> call = () -> Probe.call(task);
      switch (k % 4) {
        case 0:
          results.add(FIXED_2.submit(call));
          break;
        case 1:
          results.add(FIXED_4.submit(call));
          break;
        case 2:
          results.add(SCHEDULED_2.schedule(call, 1, TimeUnit.MILLISECONDS));
          break;
        default:
          results.add(FORK_JOIN_2.submit(call));
      }
    }
    int ok = 0;
    for (Future<String> result : results) {
      if (result.get(60, TimeUnit.SECONDS).endsWith(": 200")) {
        ok++;
      }
    }
    return "called " + id + " via storm: " + ok + "/" + n;
  }

  /**
   * {@code fork()} inside a pool task: the forked child must run on another worker (the parent waits
   * without helping, so it cannot run the child itself), with the lane the parent had — which the parent's
   * worker got from the submission, and the child's worker only from the capture at {@code fork()}.
   */
  private static String fork(Map<String, String> params) throws Exception {
    Thread requestThread = Thread.currentThread();
    Map<String, String> copy = new LinkedHashMap<>(params);
    copy.remove("via");
    return FORK_JOIN_2.submit(new ForkingParent(copy, requestThread)).get(20, TimeUnit.SECONDS);
  }

  private static final class ForkingParent extends RecursiveTask<String> {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> params;
    private final transient Thread requestThread;

    ForkingParent(Map<String, String> params, Thread requestThread) {
      this.params = params;
      this.requestThread = requestThread;
    }

    @Override
    protected String compute() {
      Thread parent = Thread.currentThread();
      if (parent == requestThread || !workerOf(FORK_JOIN_2).test(parent)) {
        return "the parent ran on " + parent + ", not on a fork-join worker";
      }
      RecursiveTask<String> child = new RecursiveTask<String>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected String compute() {
          Thread current = Thread.currentThread();
          if (current == parent || current == requestThread || !workerOf(FORK_JOIN_2).test(current)) {
            return "the forked child ran on " + current + ", not on another fork-join worker";
          }
          return unchecked(call(params)).get();
        }
      };
      child.fork();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!child.isDone() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(100_000); // waiting without join(): join would run the child right here
      }
      return child.isDone() ? child.join() : "the forked child never ran";
    }
  }

  /**
   * A parallel stream: the element that calls must be processed by a common-pool worker (elements on the
   * request thread wait until it has called, so the request thread cannot do all the work itself).
   */
  private static String parallel(Map<String, String> params) {
    Callable<String> call = call(params);
    java.util.concurrent.atomic.AtomicBoolean called = new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<String> result = new CompletableFuture<>();
    IntStream.range(0, 64).parallel().forEach(i -> {
      if (workerOf(ForkJoinPool.commonPool()).test(Thread.currentThread())) {
        if (called.compareAndSet(false, true)) {
          complete(result, call);
        }
      } else {
        try {
          result.get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
          result.complete("no common-pool worker took part in the parallel stream");
        }
      }
    });
    return result.getNow("no element called");
  }

  /** A Thread subclass with its own run(). */
  private static final class CallingThread extends Thread {
    private final Callable<String> call;
    volatile String result;

    CallingThread(Callable<String> call) {
      super("app-thread-subclass");
      this.call = call;
    }

    @Override
    public void run() {
      result = unchecked(call).get();
    }
  }
}
