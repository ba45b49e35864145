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
import java.util.concurrent.Future;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The JDK HttpServer app making its downstream call through a thread hand-off ({@code via=<name>}):
 * thread pools, scheduled pools, ForkJoin, CompletableFuture, parallel streams, threads, timers and
 * virtual threads — plain JDK code, no lane code. {@code via=storm} fans one request out into many
 * tasks over small shared pools; {@code via=contracts} checks that the pools still behave as the JDK
 * documents (identity of tasks, queues, hooks) while the agent is attached.
 */
public final class ExecutorsApp {

  private static final ExecutorService FIXED_2 = Executors.newFixedThreadPool(2);
  private static final ExecutorService FIXED_4 = Executors.newFixedThreadPool(4);
  private static final ScheduledExecutorService SCHEDULED_2 = Executors.newScheduledThreadPool(2);
  private static final ForkJoinPool FORK_JOIN_2 = new ForkJoinPool(2);
  private static final Timer TIMER = new Timer("probe-timer", true);

  public static void main(String[] args) throws Exception {
    register("tpe", p -> FIXED_2.submit(call(p)).get());
    register("tpe-execute", p -> {
      CompletableFuture<String> result = new CompletableFuture<>();
      FIXED_2.execute(() -> complete(result, call(p)));
      return result.get(20, TimeUnit.SECONDS);
    });
    register("tpe-invokeall", p -> FIXED_4.invokeAll(List.of(call(p))).get(0).get());
    register("tpe-invokeany", p -> FIXED_4.invokeAny(List.of(call(p))));
    register("tpe-callerruns", ExecutorsApp::callerRuns);
    register("stpe-once", p -> SCHEDULED_2.schedule(call(p), 5, TimeUnit.MILLISECONDS).get());
    register("stpe-periodic", ExecutorsApp::periodic);
    register("cf-common", p -> CompletableFuture.supplyAsync(unchecked(call(p))).get());
    register("cf-pool", p -> CompletableFuture.supplyAsync(unchecked(call(p)), FIXED_4).get());
    register("cf-chain", p -> CompletableFuture.supplyAsync(() -> "first", FIXED_2)
        .thenApplyAsync(first -> unchecked(call(p)).get(), FIXED_4).get());
    register("fjp", p -> FORK_JOIN_2.submit(call(p)).get());
    register("fork", p -> FORK_JOIN_2.invoke(new CallingTask(call(p), 3)));
    register("parallel", p -> {
      Callable<String> call = call(p);
      return IntStream.range(0, 64).parallel().mapToObj(i -> i == 37 ? unchecked(call).get() : null)
          .filter(r -> r != null).findFirst().orElse("none");
    });
    register("thread", p -> {
      String[] result = new String[1];
      Callable<String> call = call(p);
      Thread thread = new Thread(() -> result[0] = unchecked(call).get());
      thread.start();
      thread.join();
      return result[0];
    });
    register("thread-subclass", p -> {
      CallingThread thread = new CallingThread(call(p));
      thread.start();
      thread.join();
      return thread.result;
    });
    register("timer", p -> {
      CompletableFuture<String> result = new CompletableFuture<>();
      Callable<String> call = call(p);
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
      Callable<String> call = call(p);
      Method start = Thread.class.getMethod("startVirtualThread", Runnable.class); // JDK 21+
      Thread thread = (Thread) start.invoke(null, (Runnable) () -> result[0] = unchecked(call).get());
      thread.join();
      return result[0];
    });
    register("virtual-executor", p -> {
      Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor"); // JDK 21+
      ExecutorService perTask = (ExecutorService) factory.invoke(null);
      try {
        return perTask.submit(call(p)).get();
      } finally {
        perTask.shutdown();
      }
    });
    register("storm", ExecutorsApp::storm);
    register("app-otel-context", ExecutorsApp::appOtelContext);
    register("contracts", p -> PoolContracts.check());
    JdkHttpServerApp.main(args);
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

  /** A saturated pool with CallerRunsPolicy: the rejected task runs on the request thread itself. */
  private static String callerRuns(Map<String, String> params) throws Exception {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new SynchronousQueue<>(),
        new ThreadPoolExecutor.CallerRunsPolicy());
    CompletableFuture<Void> release = new CompletableFuture<>();
    try {
      pool.execute(release::join); // occupies the only worker
      CompletableFuture<String> result = new CompletableFuture<>();
      pool.execute(() -> complete(result, call(params)));
      return result.get(20, TimeUnit.SECONDS);
    } finally {
      release.complete(null);
      pool.shutdown();
    }
  }

  /** A periodic task registered inside the request: it is scheduled work and runs in the own lane. */
  private static String periodic(Map<String, String> params) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicInteger runs = new AtomicInteger();
    Callable<String> call = call(params);
    ScheduledFuture<?> job = SCHEDULED_2.scheduleAtFixedRate(() -> {
      if (runs.incrementAndGet() == 2) { // the second run: certainly not on the request's thread
        complete(first, call);
      }
    }, 1, 5, TimeUnit.MILLISECONDS);
    try {
      return first.get(20, TimeUnit.SECONDS);
    } finally {
      job.cancel(false);
    }
  }

  private static String timerPeriodic(Map<String, String> params) throws Exception {
    CompletableFuture<String> first = new CompletableFuture<>();
    AtomicInteger runs = new AtomicInteger();
    Callable<String> call = call(params);
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

  /** A ForkJoin task that forks down {@code depth} levels; the deepest one makes the call. */
  private static final class CallingTask extends RecursiveTask<String> {
    private static final long serialVersionUID = 1L;
    private final transient Callable<String> call;
    private final int depth;

    CallingTask(Callable<String> call, int depth) {
      this.call = call;
      this.depth = depth;
    }

    @Override
    protected String compute() {
      if (depth == 0) {
        return unchecked(call).get();
      }
      CallingTask child = new CallingTask(call, depth - 1);
      child.fork();
      return child.join();
    }
  }

  /** A Thread subclass with its own run(). */
  private static final class CallingThread extends Thread {
    private final Callable<String> call;
    volatile String result;

    CallingThread(Callable<String> call) {
      this.call = call;
    }

    @Override
    public void run() {
      result = unchecked(call).get();
    }
  }
}
