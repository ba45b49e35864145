package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The control: the same app and request without the agent. The lane does not reach the next hop,
 * so the other tests' passing is the agent's doing, not the harness's.
 */
class WithoutAgentControlTest {

  @Test
  void withoutTheAgentTheLaneIsLost() throws Exception {
    try (Downstream downstream = new Downstream();
        AppJvm app = AppJvm.of(TestApp.TOMCAT_11_JAKARTA).withoutAgent().start()) {
      for (String client : Probes.CLIENTS) {
        String id = newId();
        app.get(probe(downstream, client, id), laneHeader("gray"));
        assertThat(downstream.await(id).values("env")).as(client).isEmpty();
      }
      assertThat(app.agentLines()).isEmpty();
    }
  }
}
