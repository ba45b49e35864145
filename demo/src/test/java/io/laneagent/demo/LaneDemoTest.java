package io.laneagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference scenario end to end, as {@code ./demo.sh} runs it: five JVMs from the sample service
 * jar with the real agent jar, routed by the manifests in istio-manifests/base.
 */
class LaneDemoTest {

  private static final Path ROOT = Path.of(".").toAbsolutePath().normalize();

  @Test
  void withTheAgentEveryRowOfTheReferenceTableHolds() throws Exception {
    List<LaneDemo.Row> rows = LaneDemo.run(ROOT, true);
    assertThat(rows).hasSize(6).allSatisfy(row -> assertThat(row.observed()).as(row.answer()).isEqualTo(row.expected()));
    assertThat(rows.get(1).answer()).isEqualTo("header env(gray), I'm cat(gray) --> header env(gray), I'm dog(gray)"
        + " [async --> header env(gray), I'm bird(gray)]");
    assertThat(rows.get(2).answer()).as("daily reaches bird, which has no daily lane, with the header intact")
        .endsWith("[async --> header env(daily), I'm bird(prod)]");
    assertThat(rows.get(4).answer()).as("the scheduled job of cat(gray) runs in its own lane")
        .startsWith("I'm cat(gray), scheduled --> header env(gray), I'm dog(gray)");
  }

  /**
   * The control: without the agent nothing forwards env, so the gray and daily rows end in prod, and so
   * does the scheduled job of cat(gray).
   */
  @Test
  void withoutTheAgentTheGrayAndDailyRowsFail() throws Exception {
    List<LaneDemo.Row> rows = LaneDemo.run(ROOT, false);
    assertThat(rows).extracting(LaneDemo.Row::ok).containsExactly(true, false, false, true, false, true);
    assertThat(rows.get(1).observed()).isEqualTo("cat(gray) -> dog(prod) -> bird(prod)");
    assertThat(rows.get(2).observed()).isEqualTo("cat(prod) -> dog(prod) -> bird(prod)");
  }

  @Test
  void theRouterAppliesTheManifestsLikeIstio() throws Exception {
    IstioRouting routing = IstioRouting.load(ROOT.resolve("istio-manifests/base"));
    assertThat(routing.route("dog-svc", Map.of("env", "daily"))).containsEntry("env", "daily");
    assertThat(routing.route("dog-svc", Map.of("env", "gray"))).containsEntry("env", "gray");
    assertThat(routing.route("dog-svc", Map.of("env", "Gray"))).as("exact is case-sensitive").containsEntry("env", "prod");
    assertThat(routing.route("dog-svc", Map.of())).containsEntry("env", "prod");
    assertThat(routing.route("cat-svc", Map.of("env", "daily"))).as("cat has no daily").containsEntry("env", "prod");
  }

  @Test
  void chainsAreReadFromTheAnswers() {
    assertThat(LaneDemo.chain("header env(daily), I'm cat(prod) --> header env(daily), I'm dog(daily)"
        + " [async --> header env(daily), I'm bird(prod)]")).isEqualTo("cat(prod) -> dog(daily) -> bird(prod)");
  }
}
