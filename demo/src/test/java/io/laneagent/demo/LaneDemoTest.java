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
    assertThat(rows).as("one trace id across cat, dog and bird; none for the scheduled jobs")
        .allSatisfy(row -> assertThat(row.oneTrace()).as(row.answer()).isTrue());
    assertThat(rows.get(1).answer()).matches("header env\\(gray\\), I'm cat\\(gray\\) \\[trace (\\w{8})\\] --> "
        + "header env\\(gray\\), I'm dog\\(gray\\) \\[trace \\1\\] \\[async --> header env\\(gray\\), I'm bird\\(gray\\) \\[trace \\1\\]\\]");
    assertThat(LaneDemo.traces(rows.get(1).answer())).hasSize(3);
    assertThat(rows.get(2).answer()).as("daily reaches bird, which has no daily lane, with the header intact")
        .matches(".*\\[async --> header env\\(daily\\), I'm bird\\(prod\\) \\[trace \\w{8}\\]\\]");
    assertThat(rows.get(4).answer()).as("the scheduled job of cat(gray) runs in its own lane, in no trace")
        .startsWith("I'm cat(gray), scheduled --> header env(gray), I'm dog(gray) [trace none]");
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
    assertThat(rows.subList(0, 4)).as("the trace ends at cat").allSatisfy(row -> {
      assertThat(row.oneTrace()).isFalse();
      assertThat(LaneDemo.traces(row.answer())).element(1).isEqualTo("none");
    });
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
    String answer = "header env(daily), I'm cat(prod) [trace 4bf92f35] --> header env(daily), I'm dog(daily) [trace 4bf92f35]"
        + " [async --> header env(daily), I'm bird(prod) [trace 4bf92f35]]";
    assertThat(LaneDemo.chain(answer)).isEqualTo("cat(prod) -> dog(daily) -> bird(prod)");
    assertThat(LaneDemo.traces(answer)).containsExactly("4bf92f35", "4bf92f35", "4bf92f35");
  }
}
