package io.laneagent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.istio.api.networking.v1beta1.DestinationRule;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRouteDestination;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1beta1.VirtualService;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every overlay of istio-manifests renders with {@code kubectl kustomize} (offline) and, read into
 * fabric8's typed Kubernetes and Istio model, hangs together: routes point at subsets that exist, subsets
 * and Services select pods that exist, and wherever the agent is injected it is injected completely.
 */
class ManifestsTest {

  private static List<HasMetadata> render(String overlay) throws Exception {
    Process kubectl;
    try {
      kubectl = new ProcessBuilder("kubectl", "kustomize", "istio-manifests/" + overlay).redirectErrorStream(false).start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("kubectl is needed to render the manifests (.ci/run installs it)", e);
    }
    byte[] yaml = kubectl.getInputStream().readAllBytes();
    String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as(errors).isZero();
    Object parsed = Serialization.unmarshal(new ByteArrayInputStream(yaml));
    @SuppressWarnings("unchecked")
    List<HasMetadata> resources = parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
    return resources;
  }

  private static <T> List<T> all(List<HasMetadata> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    return labels.entrySet().containsAll(selector.entrySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"base", "overlays/with-agent", "overlays/weighted-entry"})
  void everyRouteSubsetAndServiceFindsItsPods(String overlay) throws Exception {
    List<HasMetadata> resources = render(overlay);
    List<Deployment> deployments = all(resources, Deployment.class);
    List<Service> services = all(resources, Service.class);
    List<DestinationRule> rules = all(resources, DestinationRule.class);
    List<VirtualService> routes = all(resources, VirtualService.class);
    assertThat(deployments).hasSize(7);
    assertThat(routes).hasSizeGreaterThanOrEqualTo(3);

    for (Service service : services) {
      assertThat(deployments).as("pods of Service %s", service.getMetadata().getName())
          .anyMatch(d -> selects(service.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()));
    }
    for (VirtualService route : routes) {
      for (HTTPRoute http : route.getSpec().getHttp()) {
        int weights = 0;
        for (HTTPRouteDestination destination : http.getRoute()) {
          String host = destination.getDestination().getHost();
          String subsetName = destination.getDestination().getSubset();
          weights += destination.getWeight() == null ? 100 : destination.getWeight();
          DestinationRule rule = rules.stream().filter(r -> r.getSpec().getHost().equals(host)).findFirst()
              .orElseThrow(() -> new AssertionError(route.getMetadata().getName() + " routes to " + host + " without a DestinationRule"));
          Subset subset = rule.getSpec().getSubsets().stream().filter(s -> s.getName().equals(subsetName)).findFirst()
              .orElseThrow(() -> new AssertionError(route.getMetadata().getName() + " routes to missing subset " + host + "/" + subsetName));
          Service service = services.stream().filter(s -> s.getMetadata().getName().equals(host)).findFirst()
              .orElseThrow(() -> new AssertionError("no Service " + host));
          assertThat(deployments).as("pods of %s/%s", host, subsetName).anyMatch(d -> {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            return selects(service.getSpec().getSelector(), labels) && selects(subset.getLabels(), labels);
          });
        }
        assertThat(weights).as("weights of a route in %s", route.getMetadata().getName())
            .isEqualTo(100);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/with-agent", "overlays/weighted-entry"})
  void everyDeploymentHasTheAgentInjected(String overlay) throws Exception {
    for (Deployment deployment : all(render(overlay), Deployment.class)) {
      var pod = deployment.getSpec().getTemplate().getSpec();
      String name = deployment.getMetadata().getName();
      assertThat(pod.getVolumes()).as(name).anyMatch(v -> v.getName().equals("lane-agent") && v.getEmptyDir() != null);
      assertThat(pod.getInitContainers()).as(name).anyMatch(c -> c.getName().equals("lane-agent-init")
          && c.getVolumeMounts().stream().anyMatch(m -> m.getName().equals("lane-agent")));
      Container app = pod.getContainers().get(0);
      assertThat(app.getVolumeMounts()).as(name).anyMatch(m -> m.getName().equals("lane-agent"));
      EnvVar toolOptions = app.getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).findFirst().orElseThrow();
      assertThat(toolOptions.getValue()).contains("-javaagent:/agent/lane-agent.jar");
      EnvVar local = app.getEnv().stream().filter(e -> e.getName().equals("LANE_LOCAL")).findFirst().orElseThrow();
      assertThat(local.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.labels['env']");
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsKey("env");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"base"})
  void withoutTheOverlayNothingIsInjected(String overlay) throws Exception {
    for (Deployment deployment : all(render(overlay), Deployment.class)) {
      assertThat(deployment.getSpec().getTemplate().getSpec().getInitContainers()).isNullOrEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/weighted-entry"})
  void theWeightedEntrySplitsTenToNinety(String overlay) throws Exception {
    VirtualService entry = all(render(overlay), VirtualService.class).stream()
        .filter(v -> v.getMetadata().getName().equals("cat-entry")).findFirst().orElseThrow();
    HTTPRoute defaultRoute = entry.getSpec().getHttp().get(entry.getSpec().getHttp().size() - 1);
    assertThat(defaultRoute.getMatch()).isNullOrEmpty();
    assertThat(defaultRoute.getRoute()).extracting(d -> d.getDestination().getSubset() + "=" + d.getWeight())
        .containsExactly("gray=10", "prod=90");
  }
}
