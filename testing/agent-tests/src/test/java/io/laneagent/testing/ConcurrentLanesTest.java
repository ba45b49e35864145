package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lanes interleaved on the same server threads and clients at once: every downstream call carries its
 * own request's lane (or none), never another request's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentLanesTest {

  private static final TestApp[] APPS = {TestApp.JDK_HTTPSERVER, TestApp.TOMCAT_11_JAKARTA, TestApp.UNDERTOW_JAKARTA};
  private static final String[] LANES = {"gray", "daily", null};
  private static final int REQUESTS = 600;
  private static final int CLIENT_THREADS = 16;

  private Map<TestApp, AppJvm> apps;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    apps = SharedStart.all(APPS, AppJvm::of);
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    downstream.close();
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"JDK_HTTPSERVER", "TOMCAT_11_JAKARTA", "UNDERTOW_JAKARTA"})
  void interleavedLanesNeverCrossTalk(TestApp app) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENT_THREADS);
    ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String lane = LANES[i % LANES.length];
        String client = Probes.CLIENTS[(i / LANES.length) % Probes.CLIENTS.length];
        done.add(clients.submit(() -> {
          String id = newId();
          RawHttp.Response response = apps.get(app).get(probe(downstream, client, id), laneHeader(lane));
          List<String> seen = downstream.await(id).values("env");
          List<String> expected = lane == null ? List.of() : List.of(lane);
          if (response.status() != 200 || !seen.equals(expected)) {
            mismatches.add(client + " sent " + lane + ", downstream saw " + seen + " (status " + response.status() + ")");
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
