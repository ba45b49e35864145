package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lanes across every JDK thread hand-off, under the real agent jar, on JDK 17 and JDK 25 (virtual
 * threads): one-shot hand-offs carry the request's lane, periodic work the own lane, no task ever sees
 * another request's lane (20,000 tasks over pools of 2–4 threads), and the pools keep their documented
 * behaviour.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorsTest {

  /** Each runs its call where its name says — a worker of that pool, never the request thread (ExecutorsApp checks). */
  private static final String[] HAND_OFFS = {"tpe", "tpe-execute", "tpe-invokeall", "tpe-invokeany", "cached", "single",
      "unconfigurable", "work-stealing", "stpe-once", "single-scheduled", "cf-common", "cf-pool", "cf-chain", "fjp", "fork",
      "parallel", "thread", "thread-subclass", "timer"};
  /** JDK 21+: virtual threads, and {@code Executors.newThreadPerTaskExecutor}. */
  private static final String[] JDK21_HAND_OFFS = {"virtual", "virtual-executor", "thread-per-task"};

  private AppJvm jdk17;
  private AppJvm jdk25;
  private AppJvm noOwnLane;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    List<AppJvm> started = new ArrayList<>();
    Stream.<java.util.function.Supplier<AppJvm>>of(
            () -> executors().env("LANE_LOCAL", "prod").start(),
            () -> executors().javaHome(AppJvm.jdk25()).env("LANE_LOCAL", "prod").start(),
            () -> executors().start())
        .map(java.util.concurrent.CompletableFuture::supplyAsync).toList()
        .forEach(f -> started.add(f.join()));
    jdk17 = started.get(0);
    jdk25 = started.get(1);
    noOwnLane = started.get(2);
  }

  /**
   * The common pool with 3 workers: with the 1 it gets on 2 cores, CompletableFuture's async methods do not
   * use it at all (the JDK starts a thread per task, the {@code thread} hand-off).
   */
  private static AppJvm.Builder executors() {
    return AppJvm.of(TestApp.EXECUTORS).systemProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "3");
  }

  @AfterAll
  void stop() throws Exception {
    Stream.of(jdk17, jdk25, noOwnLane).forEach(AppJvm::close);
    downstream.close();
  }

  static Stream<Arguments> handOffs() {
    List<Arguments> cases = new ArrayList<>();
    for (String via : HAND_OFFS) {
      cases.add(Arguments.of("17", via));
      cases.add(Arguments.of("25", via));
    }
    for (String via : JDK21_HAND_OFFS) {
      cases.add(Arguments.of("25", via));
    }
    return cases.stream();
  }

  private AppJvm onJdk(String jdk) {
    return jdk.equals("17") ? jdk17 : jdk25;
  }

  @ParameterizedTest(name = "JDK {0} via {1}")
  @MethodSource("handOffs")
  void aOneShotHandOffCarriesTheRequestsLane(String jdk, String via) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      String id = newId();
      RawHttp.Response response = onJdk(jdk).get(probe(downstream, Probes.URL_CONNECTION, id, "via=" + via), laneHeader(lane));
      assertThat(response.body()).as(onJdk(jdk).output()).isEqualTo("called " + id + " via urlconnection: 200");
      assertThat(downstream.await(id).values("env")).as("%s %s", via, lane).containsExactly(lane == null ? "prod" : lane);
    }
  }

  /**
   * CallerRunsPolicy: a saturated pool runs the task on the request thread itself (no hand-off), which
   * keeps the request's lane although the agent captured the task at {@code execute}.
   */
  @ParameterizedTest(name = "JDK {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"17", "25"})
  void aTaskASaturatedPoolRunsOnItsCallerKeepsTheCallersLane(String jdk) {
    for (String lane : new String[] {"gray", null}) {
      String id = newId();
      RawHttp.Response response = onJdk(jdk).get(probe(downstream, Probes.URL_CONNECTION, id, "via=tpe-callerruns"),
          laneHeader(lane));
      assertThat(response.body()).isEqualTo("called " + id + " via urlconnection: 200");
      assertThat(downstream.await(id).values("env")).containsExactly(lane == null ? "prod" : lane);
    }
  }

  /**
   * A ForkJoin pool makes its worker inside the submit that finds it short of one, on the request's thread,
   * and the pool's factory starts a watchdog thread beside it: neither may take that request's lane for its
   * life — the worker would run every later task without a lane in it, the watchdog calls in it. The watchdog
   * is an application {@code Thread}, which {@code start} lets inherit lanes anywhere else: only the
   * suppression while {@code ForkJoinPool.createWorker} runs keeps it out (on JDK 21+ the JDK loads that class
   * while the agent installs, and it once went without that advice there).
   */
  @ParameterizedTest(name = "JDK {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"17", "25"})
  void aForkJoinWorkerStartedInARequestDoesNotKeepItsLane(String jdk) {
    String pool = newId();
    String creating = null;
    for (String lane : new String[] {"gray", null, "daily", null}) {
      String id = newId();
      creating = creating == null ? id : creating;
      RawHttp.Response response = onJdk(jdk).get(
          probe(downstream, Probes.URL_CONNECTION, id, "via=fjp-own-pool", "pool=" + pool), laneHeader(lane));
      assertThat(response.body()).as(onJdk(jdk).output()).isEqualTo("called " + id + " via urlconnection: 200");
      assertThat(downstream.await(id).values("env")).as("lane %s", lane).containsExactly(lane == null ? "prod" : lane);
    }
    assertThat(downstream.await(creating + "-watchdog").values("env")).as("the watchdog").containsExactly("prod");
  }

  @ParameterizedTest(name = "JDK {0} via {1}")
  @MethodSource("periodicHandOffs")
  void periodicWorkRunsInTheOwnLaneEvenWhenARequestRegisteredIt(String jdk, String via) {
    String id = newId();
    RawHttp.Response response = onJdk(jdk).get(probe(downstream, Probes.URL_CONNECTION, id, "via=" + via), laneHeader("gray"));
    assertThat(response.body()).isEqualTo("called " + id + " via urlconnection: 200");
    assertThat(downstream.await(id).values("env")).as(via).containsExactly("prod");
  }

  static Stream<Arguments> periodicHandOffs() {
    return Stream.of("17", "25").flatMap(jdk -> Stream.of("stpe-periodic", "stpe-fixed-delay", "timer-periodic")
        .map(via -> Arguments.of(jdk, via)));
  }

  @Test
  void poolsKeepTheirDocumentedBehaviour() {
    for (AppJvm app : List.of(jdk17, jdk25)) {
      RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, newId(), "via=contracts"), laneHeader("gray"));
      assertThat(response.body()).isEqualTo("contracts ok");
    }
  }

  /**
   * 400 requests in random lanes (gray, daily, none), 16 at a time, each fanning out 50 tasks over shared
   * pools of 2 and 4 threads, a scheduled pool and a ForkJoin pool: 20,000 tasks, each of which must
   * call with exactly its request's lane — and the none requests with none at all, although their
   * tasks run on threads that just ran tasks with lanes.
   */
  @Test
  void twentyThousandTasksNeverSeeAnotherRequestsLane() throws Exception {
    String[] lanes = {"gray", "daily", null};
    int requests = 400;
    int tasksPerRequest = 50;
    Random random = new Random(42);
    ExecutorService clients = Executors.newFixedThreadPool(16);
    ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int r = 0; r < requests; r++) {
        String lane = lanes[random.nextInt(lanes.length)];
        done.add(clients.submit(() -> {
          String id = newId();
          RawHttp.Response response = noOwnLane.get(
              probe(downstream, Probes.URL_CONNECTION, id, "via=storm", "n=" + tasksPerRequest), laneHeader(lane));
          if (!response.body().equals("called " + id + " via storm: " + tasksPerRequest + "/" + tasksPerRequest)) {
            mismatches.add("request " + id + " answered " + response.body());
          }
          List<String> expected = lane == null ? List.of() : List.of(lane);
          for (int k = 0; k < tasksPerRequest; k++) {
            List<String> seen = downstream.await(id + "-" + k).values("env");
            if (!seen.equals(expected)) {
              mismatches.add("task " + k + " of a " + lane + " request saw " + seen);
            }
          }
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      clients.shutdownNow();
    }
    assertThat(mismatches).isEmpty();
  }
}
