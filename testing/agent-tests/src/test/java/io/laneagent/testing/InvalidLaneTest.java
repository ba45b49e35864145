package io.laneagent.testing;

import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lane values are data from outside. Oversize values, characters outside {@code [A-Za-z0-9._-]},
 * control characters, conflicting duplicates and values not in {@code lane.allowed} are dropped with a
 * rate-limited warning; the request goes on (here in the own lane, {@code prod}), and nothing of the
 * bad value leaves the process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidLaneTest {

  private static final TestApp[] APPS =
      {TestApp.JDK_HTTPSERVER, TestApp.TOMCAT_9_JAVAX, TestApp.JETTY_12_JAKARTA, TestApp.UNDERTOW_JAKARTA};

  private Map<TestApp, AppJvm> apps;
  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    // x-tenant: a second lane header that only the rate-limit test sends, so that its warnings are its own
    apps = SharedStart.all(APPS, app -> AppJvm.of(app)
        .env("LANE_LOCAL", "prod")
        .env("LANE_HEADERS", "env,x-tenant")
        .systemProperty("lane.allowed", "gray,prod,daily"));
  }

  @AfterAll
  void stop() throws Exception {
    apps.values().forEach(AppJvm::close);
    downstream.close();
  }

  /** Header lines a client can send; each must lead to the own lane downstream. */
  static Stream<Arguments> badLaneHeaders() {
    List<Arguments> cases = new ArrayList<>();
    String[][] bad = {
        {"oversize", "env: " + "g".repeat(129)},
        {"space inside", "env: gr ay"},
        {"separator", "env: gray;drop=1"},
        {"list", "env: gray,daily"},
        {"slash", "env: ../../etc"},
        {"non-ASCII byte", "env: gr\u00e4y"},
        {"tab inside", "env: gr\tay"},
        {"not allowed", "env: canary"},
        {"conflicting duplicates", "env: gray", "env: daily"},
        {"conflicting duplicates, other case", "env: gray", "ENV: daily"},
        {"empty", "env: "},
    };
    for (TestApp app : APPS) {
      for (String[] headers : bad) {
        cases.add(Arguments.of(app, headers[0], java.util.Arrays.copyOfRange(headers, 1, headers.length)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badLaneHeaders")
  void badValuesAreDroppedAndTheRequestGoesOnInTheOwnLane(TestApp app, String what, String[] headerLines) {
    String id = newId();
    RawHttp.Response response = apps.get(app).get(probe(downstream, Probes.URL_CONNECTION, id), headerLines);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    Downstream.Received received = downstream.await(id);
    assertThat(received.values("env")).as(received.rawHead()).containsExactly("prod");
  }

  /**
   * Bytes an HTTP parser may or may not let through (control characters, obsolete line folding, a bare
   * CR). The server may refuse the request (a 4xx; then nothing may have gone downstream), or parse it
   * its own way (the JDK server ends a line at a bare CR, so its {@code env} is a clean {@code gray});
   * whatever reaches the agent, what leaves is one clean lane value and no injected header. Never a 5xx.
   * Jetty 12 refuses every one of them; each other server lets at least one through, so the checks on
   * what leaves do run there.
   */
  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"JDK_HTTPSERVER", "TOMCAT_9_JAVAX", "JETTY_12_JAKARTA", "UNDERTOW_JAKARTA"})
  void controlCharactersAndFoldingNeverLeaveTheProcess(TestApp app) {
    String[][] attempts = {
        {"env: gray\u0001"},
        {"env: gray\u0000x"},
        {"env: gray\u007f"},
        {"env: gray", " X-Injected: 1"},
        {"env: gray\rX-Injected: 1"},
    };
    int reached = 0;
    for (String[] headerLines : attempts) {
      String id = newId();
      RawHttp.Response response = apps.get(app).get(probe(downstream, Probes.HTTP_CLIENT, id), headerLines);
      String what = java.util.Arrays.toString(headerLines).replace("\r", "\\r");
      if (response.status() == 200) {
        reached++;
        Downstream.Received received = downstream.await(id);
        assertThat(received.values("env")).as(received.rawHead()).hasSize(1)
            .allMatch(value -> value.equals("prod") || value.equals("gray"));
        assertThat(received.values("x-injected")).isEmpty();
        assertThat(received.rawHead()).doesNotContain("\u0000", "\u0001", "\u007f");
      } else {
        assertThat(response.status()).as("%s: the server's refusal", what).isBetween(400, 499);
        assertThat(downstream.received(id)).as("%s was refused but called on", what).isFalse();
      }
    }
    if (app != TestApp.JETTY_12_JAKARTA) {
      assertThat(reached).as("attempts that reached the downstream").isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(value = TestApp.class, names = {"JDK_HTTPSERVER", "TOMCAT_9_JAVAX", "JETTY_12_JAKARTA", "UNDERTOW_JAKARTA"})
  void equalDuplicatesAreOneValidLaneAndWarningsAreRateLimited(TestApp app) {
    String id = newId();
    apps.get(app).get(probe(downstream, Probes.URL_CONNECTION, id), "env: gray", "env: gray");
    assertThat(downstream.await(id).values("env")).containsExactly("gray");

    assertThat(droppedWarnings(app)).as("no x-tenant value was bad before").isZero();
    for (int i = 0; i < 50; i++) {
      String next = newId();
      apps.get(app).get(probe(downstream, Probes.URL_CONNECTION, next), "x-tenant: bad value " + i);
      assertThat(downstream.await(next).values("x-tenant")).as("a bad value is dropped").isEmpty();
    }
    assertThat(droppedWarnings(app)).as("one warning a minute, not one per request").isEqualTo(1);
    assertThat(String.join("\n", apps.get(app).agentLines())).doesNotContain("bad value");
  }

  private long droppedWarnings(TestApp app) {
    return apps.get(app).agentLines().stream().filter(line -> line.contains("WARN dropped header 'x-tenant'")).count();
  }
}
