package io.laneagent.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The part of Istio's routing the manifests use, applied locally: a VirtualService's HTTP routes in
 * order, the first whose match holds wins (a route without match always holds); a match holds when
 * every header condition in one of its entries does ({@code exact}, {@code prefix}, {@code regex},
 * header names case-insensitive); the route's destinations are chosen by weight; a destination's subset
 * is resolved to pod labels by the host's DestinationRule.
 */
final class IstioRouting {

  record Destination(String host, String subset, int weight) {}

  record HeaderCondition(String header, String kind, String value) {
    boolean holds(Map<String, String> headers) {
      String actual = headers.get(header);
      if (actual == null) {
        return false;
      }
      return switch (kind) {
        case "exact" -> actual.equals(value);
        case "prefix" -> actual.startsWith(value);
        case "regex" -> Pattern.compile(value).matcher(actual).matches(); // RE2 in Envoy; full match there too
        default -> false;
      };
    }
  }

  record Route(List<List<HeaderCondition>> matches, List<Destination> destinations) {
    boolean holds(Map<String, String> headers) {
      return matches.isEmpty() || matches.stream().anyMatch(match -> match.stream().allMatch(c -> c.holds(headers)));
    }
  }

  private final Map<String, List<Route>> routesByHost = new LinkedHashMap<>();
  private final Map<String, Map<String, Map<String, String>>> subsetsByHost = new LinkedHashMap<>();
  private final Random random = new Random();

  /** Reads every VirtualService and DestinationRule in the YAML files under {@code dir}. */
  static IstioRouting load(Path dir) throws IOException {
    IstioRouting routing = new IstioRouting();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("kustomization"))
          .sorted().toList();
    }
    for (Path file : files) {
      try (Reader reader = Files.newBufferedReader(file)) {
        for (Object document : new Yaml(new LoaderOptions()).loadAll(reader)) {
          if (document instanceof Map<?, ?> map) {
            routing.add(map);
          }
        }
      }
    }
    return routing;
  }

  @SuppressWarnings("unchecked")
  private void add(Map<?, ?> resource) {
    Map<String, Object> spec = (Map<String, Object>) resource.get("spec");
    if ("VirtualService".equals(resource.get("kind"))) {
      List<Route> routes = new ArrayList<>();
      for (Map<String, Object> http : (List<Map<String, Object>>) spec.get("http")) {
        List<List<HeaderCondition>> matches = new ArrayList<>();
        for (Map<String, Object> match : (List<Map<String, Object>>) http.getOrDefault("match", List.of())) {
          List<HeaderCondition> conditions = new ArrayList<>();
          Map<String, Map<String, String>> headers = (Map<String, Map<String, String>>) match.getOrDefault("headers", Map.of());
          headers.forEach((name, condition) -> condition.forEach((kind, value) ->
              conditions.add(new HeaderCondition(name.toLowerCase(Locale.ROOT), kind, value))));
          matches.add(conditions);
        }
        List<Destination> destinations = new ArrayList<>();
        for (Map<String, Object> route : (List<Map<String, Object>>) http.get("route")) {
          Map<String, Object> destination = (Map<String, Object>) route.get("destination");
          destinations.add(new Destination((String) destination.get("host"), (String) destination.get("subset"),
              ((Number) route.getOrDefault("weight", 100)).intValue()));
        }
        routes.add(new Route(matches, destinations));
      }
      for (String host : (List<String>) spec.get("hosts")) {
        routesByHost.put(host, routes);
      }
    } else if ("DestinationRule".equals(resource.get("kind"))) {
      Map<String, Map<String, String>> subsets = new LinkedHashMap<>();
      for (Map<String, Object> subset : (List<Map<String, Object>>) spec.get("subsets")) {
        subsets.put((String) subset.get("name"), (Map<String, String>) subset.get("labels"));
      }
      subsetsByHost.put((String) spec.get("host"), subsets);
    }
  }

  /** The pod labels a request to {@code host} with {@code headers} (lower-case names) is routed to. */
  Map<String, String> route(String host, Map<String, String> headers) {
    for (Route route : routesByHost.getOrDefault(host, List.of())) {
      if (route.holds(headers)) {
        Destination destination = pick(route.destinations());
        Map<String, String> labels = subsetsByHost.getOrDefault(destination.host(), Map.of()).get(destination.subset());
        if (labels == null) {
          throw new IllegalStateException("subset " + destination.subset() + " of " + destination.host() + " has no DestinationRule");
        }
        return labels;
      }
    }
    throw new IllegalStateException("no route of " + host + " matches " + headers);
  }

  private Destination pick(List<Destination> destinations) {
    int total = destinations.stream().mapToInt(Destination::weight).sum();
    int roll = random.nextInt(Math.max(total, 1));
    for (Destination destination : destinations) {
      roll -= destination.weight();
      if (roll < 0) {
        return destination;
      }
    }
    return destinations.get(destinations.size() - 1);
  }
}
