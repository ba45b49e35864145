package io.laneagent.testing;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Starts several app JVMs side by side (start-up dominates the suite's time). */
final class SharedStart {

  private SharedStart() {}

  static Map<TestApp, AppJvm> all(TestApp[] apps, Function<TestApp, AppJvm.Builder> configure) {
    List<CompletableFuture<AppJvm>> starting = Stream.of(apps)
        .map(app -> CompletableFuture.supplyAsync(() -> configure.apply(app).start()))
        .collect(Collectors.toList());
    Map<TestApp, AppJvm> started = new EnumMap<>(TestApp.class);
    RuntimeException failure = null;
    for (int i = 0; i < apps.length; i++) {
      try {
        started.put(apps[i], starting.get(i).join());
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      started.values().forEach(AppJvm::close);
      throw failure;
    }
    return started;
  }
}
