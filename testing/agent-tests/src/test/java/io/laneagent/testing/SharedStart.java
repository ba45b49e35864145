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
    return new EnumMap<>(all(apps, configure, TestApp.class));
  }

  /** One JVM per key (an app, a set-up), started side by side; all closed again if one fails. */
  static <K extends Enum<K>> Map<K, AppJvm> all(K[] keys, Function<K, AppJvm.Builder> configure, Class<K> type) {
    List<CompletableFuture<AppJvm>> starting = Stream.of(keys)
        .map(key -> CompletableFuture.supplyAsync(() -> configure.apply(key).start()))
        .collect(Collectors.toList());
    Map<K, AppJvm> started = new EnumMap<>(type);
    RuntimeException failure = null;
    for (int i = 0; i < keys.length; i++) {
      try {
        started.put(keys[i], starting.get(i).join());
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

  /** Closes the JVMs, then each of {@code others} (brokers, the downstream); nulls are skipped. */
  static void closeAll(Map<?, AppJvm> jvms, AutoCloseable... others) throws Exception {
    if (jvms != null) {
      jvms.values().forEach(AppJvm::close);
    }
    Exception failure = null;
    for (AutoCloseable other : others) {
      try {
        if (other != null) {
          other.close();
        }
      } catch (Exception e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
