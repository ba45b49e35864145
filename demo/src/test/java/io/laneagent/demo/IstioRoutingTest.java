package io.laneagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local router's reading of Istio's routing rules, on rules the reference manifests do not use. */
class IstioRoutingTest {

  private static final String RULES = String.join("\n",
      "apiVersion: networking.istio.io/v1beta1",
      "kind: VirtualService",
      "metadata: {name: svc}",
      "spec:",
      "  hosts: [svc]",
      "  http:",
      "    - match:",
      "        - headers: {x-user: {regex: 'tester-[0-9]+'}}",
      "      route: [{destination: {host: svc, subset: a}}]",
      "    - match:",
      "        - headers: {env: {prefix: gray}, x-zone: {exact: east}}",
      "        - headers: {env: {exact: blue}}",
      "      route: [{destination: {host: svc, subset: b}}]",
      "    - route:",
      "        - {destination: {host: svc, subset: a}, weight: 25}",
      "        - {destination: {host: svc, subset: b}, weight: 75}",
      "---",
      "apiVersion: networking.istio.io/v1beta1",
      "kind: DestinationRule",
      "metadata: {name: svc}",
      "spec:",
      "  host: svc",
      "  subsets:",
      "    - {name: a, labels: {version: a}}",
      "    - {name: b, labels: {version: b}}",
      "");

  private static IstioRouting routing(Path dir) throws Exception {
    Files.writeString(dir.resolve("rules.yaml"), RULES);
    return IstioRouting.load(dir);
  }

  @Test
  void firstMatchingRouteWinsWithRegexPrefixAndAndedConditions(@TempDir Path dir) throws Exception {
    IstioRouting routing = routing(dir);
    assertThat(routing.route("svc", Map.of("x-user", "tester-42", "env", "blue"))).containsEntry("version", "a");
    assertThat(routing.route("svc", Map.of("x-user", "tester-x", "env", "blue"))).containsEntry("version", "b");
    assertThat(routing.route("svc", Map.of("env", "gray-2", "x-zone", "east"))).containsEntry("version", "b");
  }

  @Test
  void theDefaultRouteSplitsByWeight(@TempDir Path dir) throws Exception {
    IstioRouting routing = routing(dir);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 4000; i++) {
      // env gray-2 without x-zone east: the second route's first match fails, so the default applies
      counts.merge(routing.route("svc", Map.of("env", "gray-2")).get("version"), 1, Integer::sum);
    }
    assertThat(counts.get("a")).isBetween(800, 1200); // 25 % of 4000 = 1000
    assertThat(counts.get("b")).isBetween(2800, 3200);
  }

  /**
   * docs/configuration.md's rule for an entry that only has W3C baggage: a regex on the whole {@code baggage}
   * header matches the lane member wherever it stands, with or without properties, and nothing else.
   */
  @Test
  void aBaggageMemberCanBeRoutedOn(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("baggage.yaml"), String.join("\n",
        "apiVersion: networking.istio.io/v1beta1",
        "kind: VirtualService",
        "metadata: {name: dog}",
        "spec:",
        "  hosts: [dog]",
        "  http:",
        "    - match:",
        "        - headers: {env: {exact: gray}}",
        "        - headers: {baggage: {regex: '(.*,)?[ ]*env[ ]*=[ ]*gray[ ]*(;[^,]*)?(,.*)?'}}",
        "      route: [{destination: {host: dog, subset: gray}}]",
        "    - route: [{destination: {host: dog, subset: prod}}]",
        "---",
        "apiVersion: networking.istio.io/v1beta1",
        "kind: DestinationRule",
        "metadata: {name: dog}",
        "spec:",
        "  host: dog",
        "  subsets:",
        "    - {name: gray, labels: {env: gray}}",
        "    - {name: prod, labels: {env: prod}}",
        ""));
    IstioRouting routing = IstioRouting.load(dir);
    for (String baggage : new String[] {"env=gray", "userId=alice,env=gray;p=1", "env=gray,k=v", "a=1, env = gray ,b=2"}) {
      assertThat(routing.route("dog", Map.of("baggage", baggage))).as(baggage).containsEntry("env", "gray");
    }
    for (String baggage : new String[] {"env=grayish", "myenv=gray", "userId=alice", "k=env=gray"}) {
      assertThat(routing.route("dog", Map.of("baggage", baggage))).as(baggage).containsEntry("env", "prod");
    }
  }
}
