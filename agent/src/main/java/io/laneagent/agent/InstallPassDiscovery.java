package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Which already-loaded classes the install pass looks at. At premain those are ~1,000 JDK classes; with a
 * JDK 24+ AOT cache the JVM has loaded thousands of the application's classes ahead of time too. Byte
 * Buddy would describe each one and run every type matcher on it (hierarchy walks included) to
 * retransform a handful: most of the install's time (~670 ms of a Spring Boot start with an AOT cache).
 * Every instrumentation names the types its classes are or descend from
 * ({@code TypeInstrumentation.installPassRoots}); only loaded classes related to one of them are handed
 * on, found by the names of their super classes and interfaces (reflection on loaded classes, which loads
 * nothing). If one instrumentation cannot say, every class goes.
 */
final class InstallPassDiscovery implements AgentBuilder.RedefinitionStrategy.DiscoveryStrategy {

  private final Set<String> roots = new HashSet<>();
  private boolean everything;

  /** Registers what {@code type} can match. */
  void add(TypeInstrumentation type) {
    String[] named;
    try {
      named = type.installPassRoots();
    } catch (Throwable e) {
      named = null;
    }
    if (named == null) {
      everything = true;
    } else {
      Collections.addAll(roots, named);
    }
  }

  @Override
  public Iterable<Iterable<Class<?>>> resolve(Instrumentation instrumentation) {
    long start = System.nanoTime();
    Class<?>[] loaded = instrumentation.getAllLoadedClasses();
    if (everything) {
      List<Class<?>> all = new ArrayList<>();
      Collections.addAll(all, loaded);
      return Collections.<Iterable<Class<?>>>singletonList(all);
    }
    Map<Class<?>, Boolean> related = new IdentityHashMap<>();
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : loaded) {
      if (!type.isArray() && !type.isPrimitive() && isRelated(type, related)) {
        candidates.add(type);
      }
    }
    if (LaneLog.isDebug()) {
      LaneLog.debug("install pass: " + candidates.size() + " of " + loaded.length + " loaded classes related to an "
          + "instrumentation, found in " + (System.nanoTime() - start) / 1_000_000 + " ms: " + candidates);
    }
    return Collections.<Iterable<Class<?>>>singletonList(candidates);
  }

  /** Whether {@code type} or one of its super classes or interfaces is a root (memoised over the pass). */
  private boolean isRelated(Class<?> type, Map<Class<?>, Boolean> related) {
    Boolean known = related.get(type);
    if (known != null) {
      return known;
    }
    related.put(type, Boolean.FALSE); // a guard only: type hierarchies have no cycles
    boolean result = roots.contains(type.getName());
    if (!result && type.getSuperclass() != null) {
      result = isRelated(type.getSuperclass(), related);
    }
    if (!result) {
      for (Class<?> implemented : type.getInterfaces()) {
        if (isRelated(implemented, related)) {
          result = true;
          break;
        }
      }
    }
    related.put(type, result);
    return result;
  }
}
