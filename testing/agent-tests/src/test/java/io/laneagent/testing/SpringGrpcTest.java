package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spring gRPC on Spring Boot 3.5: Spring builds the gRPC server and the client channel; the app calls its
 * own server through that channel from an HTTP request, and the server's handler calls the downstream.
 * The control runs the same app with the grpc instrumentation off: the lane must not get through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringGrpcTest {

  enum Setup { AGENT, GRPC_INSTRUMENTATION_OFF }

  private Downstream downstream;
  private Map<Setup, AppJvm> apps;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
    int[] ports = LoopbackPorts.distinct(Setup.values().length); // the setups start side by side
    apps = SharedStart.all(Setup.values(), setup -> {
      int port = ports[setup.ordinal()];
      AppJvm.Builder builder = AppJvm.of(TestApp.SPRING_GRPC_BOOT3).args("--server.port=0", "--server.address=127.0.0.1",
          "--spring.main.banner-mode=off", "--spring.grpc.server.address=127.0.0.1:" + port,
          "--spring.grpc.client.default-channel.negotiation-type=plaintext", "--grpc.target=127.0.0.1:" + port,
          TraceHeaders.LOG_PATTERN).systemProperty("probe.log", "true");
      return setup == Setup.AGENT ? builder : builder.agentArgs("instrumentation.grpc.enabled=false");
    }, Setup.class);
  }

  @AfterAll
  void stop() throws Exception {
    SharedStart.closeAll(apps, downstream);
  }

  @Test
  void theLaneCrossesSpringsChannelAndServer() {
    for (String lane : new String[] {"gray", null, "daily"}) {
      assertThat(lanesAtTheNextHop(Setup.AGENT, lane)).as("lane %s", lane).isEqualTo(lane == null ? List.of() : List.of(lane));
    }
  }

  /** The gRPC handler's log line carries the call's lane and trace id in the MDC ({@code lane.mdc}). */
  @Test
  void theHandlersLogLinesCarryTheCallsLaneAndTraceId() {
    AppJvm app = apps.get(Setup.AGENT);
    List<String> expected = new java.util.ArrayList<>();
    for (String lane : new String[] {"gray", "daily"}) {
      String id = newId();
      List<String> headers = lane.equals("gray") ? TraceHeaders.tracedRequest(lane) : List.of("env: " + lane);
      app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=spring-grpc"), headers.toArray(new String[0]));
      downstream.await(id);
      expected.add(TraceHeaders.logLine(lane, lane.equals("gray") ? TraceHeaders.B3_TRACE_ID : null, "LANE-LOG id=" + id));
    }
    app.awaitOutput(java.time.Duration.ofSeconds(20), "the handler's log lines " + expected,
        output -> expected.stream().allMatch(line -> output.lines().anyMatch(line::equals)));
  }

  @Test
  void withTheGrpcInstrumentationOffTheLaneStopsThere() {
    assertThat(lanesAtTheNextHop(Setup.GRPC_INSTRUMENTATION_OFF, "gray")).isEmpty();
  }

  private List<String> lanesAtTheNextHop(Setup setup, String lane) {
    String id = newId();
    AppJvm app = apps.get(setup);
    RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id, "via=spring-grpc"), laneHeader(lane));
    assertThat(response.body()).as(app.output()).startsWith("spring-grpc: called " + id);
    return downstream.await(id).values("env");
  }
}
