package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code Agent-Class}: the agent attached to a running JVM whose HTTP classes are already loaded and in
 * use. They are retransformed, and from then on lanes propagate.
 */
class RuntimeAttachTest {

  @Test
  void attachingToARunningApplicationRetransformsLoadedClasses() throws Exception {
    try (Downstream downstream = new Downstream();
        AppJvm app = AppJvm.of(TestApp.JDK_HTTPSERVER).withoutAgent().start()) {
      for (String client : Probes.CLIENTS) { // loads every class the agent will want
        String before = newId();
        app.get(probe(downstream, client, before), laneHeader("gray"));
        assertThat(downstream.await(before).values("env")).isEmpty();
      }

      VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
      try {
        vm.loadAgent(AppJvm.agentJar().toString(), "local=prod");
      } finally {
        vm.detach();
      }
      awaitStarted(app);

      Probes.assertLanesPropagate(app, downstream, "prod");
    }
  }

  /**
   * A WebFlux app attached to after Reactor and reactor-netty are initialised and in use: its operators
   * get the lane lift from then on (the reactor instrumentation hooks {@code onAssembly}, which a
   * retransformation reaches — not Reactor's {@code Hooks}, which initialise once), so even a blocking
   * client inside {@code Mono.fromCallable} on a {@code boundedElastic} worker carries the lane.
   */
  @Test
  void attachingToARunningWebFluxAppCarriesLanesThroughReactorToo() throws Exception {
    try (Downstream downstream = new Downstream();
        AppJvm app = AppJvm.of(TestApp.WEBFLUX_NEWEST).withoutAgent()
            .args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + downstream.url(""),
                "--spring.main.banner-mode=off").start()) {
      String[] calls = {"webclient-publishon", "blocking-boundedelastic", "netty"};
      for (String call : calls) {
        String before = newId();
        app.get(probe(downstream, call, before), laneHeader("gray"));
        assertThat(downstream.await(before).values("env")).isEmpty();
      }
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
      try {
        vm.loadAgent(AppJvm.agentJar().toString(), "local=prod");
      } finally {
        vm.detach();
      }
      awaitStarted(app);
      for (String call : calls) {
        for (String lane : new String[] {"gray", null}) {
          String id = newId();
          app.get(probe(downstream, call, id), laneHeader(lane));
          assertThat(downstream.await(id).values("env")).as("%s %s\n%s", call, lane, app.output())
              .containsExactly(lane == null ? "prod" : lane);
        }
      }
    }
  }

  private static void awaitStarted(AppJvm app) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (app.agentLines().stream().noneMatch(line -> line.contains("INFO lane-agent") && line.contains("(attached at run time)"))) {
      assertThat(System.nanoTime()).as("agent start line:\n%s", app.output()).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
