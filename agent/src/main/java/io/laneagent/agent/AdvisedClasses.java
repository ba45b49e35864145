package io.laneagent.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes each instrumentation advised, for the agent's MBean. A type instrumentation's transformer
 * notes its instrumentation as pending for the class being transformed ({@link #pending}); the class
 * counts once Byte Buddy reports the transformation done ({@link #committed}), and not if it failed
 * ({@link #discarded}). Byte Buddy transforms one class at a time per thread, so the pending list is a
 * thread-local. Outside an AOT training run neither thread-local outlives the class: the threads that load
 * classes are the application's (Tomcat's request threads load classes at their first requests), and an entry
 * left in their {@code ThreadLocalMap} would crowd the application's own thread-locals there for the thread's
 * life. (A training run keeps {@link #lastCommitted} until {@link WovenClassesUse} takes it.)
 */
final class AdvisedClasses {

  /** Distinct class names are bounded by the classes an application loads; this bounds them anyway. */
  private static final int MAX_PER_INSTRUMENTATION = 10_000;

  private final ConcurrentHashMap<String, Set<String>> byInstrumentation = new ConcurrentHashMap<>();
  private final ThreadLocal<List<String>> pending = new ThreadLocal<List<String>>() {
    @Override
    protected List<String> initialValue() {
      return new ArrayList<>(2);
    }
  };

  /** {@code instrumentation} is transforming the class this thread transforms now. */
  void pending(String instrumentation) {
    List<String> names = pending.get();
    if (!names.contains(instrumentation)) {
      names.add(instrumentation);
    }
  }

  /** The instrumentations of the class this thread saw transformed last (see {@link WovenClassesUse}). */
  private final ThreadLocal<String[]> lastCommitted = new ThreadLocal<String[]>();
  /** Whether anyone takes {@link #lastCommitted}: only an AOT training run's {@link WovenClassesUse}. */
  private volatile boolean keepLastCommitted;

  /** From now on the instrumentations of each committed class are kept for {@link #takeLastCommitted}. */
  void keepLastCommitted() {
    keepLastCommitted = true;
  }

  /** The class {@code typeName} was transformed: it counts for each pending instrumentation. */
  void committed(String typeName) {
    List<String> names = pending.get();
    String[] committed = names.toArray(new String[0]);
    pending.remove();
    if (keepLastCommitted) {
      lastCommitted.set(committed);
    }
    committed(typeName, committed);
  }

  /** {@code typeName} was transformed by {@code instrumentations} (a class taken from the woven-classes file). */
  void committed(String typeName, String[] instrumentations) {
    for (String instrumentation : instrumentations) {
      Set<String> classes = byInstrumentation.get(instrumentation);
      if (classes == null) {
        Set<String> fresh = Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
        Set<String> raced = byInstrumentation.putIfAbsent(instrumentation, fresh);
        classes = raced == null ? fresh : raced;
      }
      if (classes.size() < MAX_PER_INSTRUMENTATION) {
        classes.add(typeName);
      }
    }
  }

  /**
   * Whether Byte Buddy found nothing to do for the class this thread had it look at last (no type
   * instrumentation matches it), once; kept only with {@link #keepLastCommitted} (see {@link WovenClassesUse}).
   */
  private final ThreadLocal<Boolean> lastIgnored = new ThreadLocal<Boolean>();

  /** Byte Buddy matched no type instrumentation to the class at hand: it stays as it is. */
  void ignored() {
    if (keepLastCommitted) {
      lastIgnored.set(Boolean.TRUE);
    }
  }

  boolean takeLastIgnored() {
    boolean ignored = lastIgnored.get() != null;
    lastIgnored.remove();
    return ignored;
  }

  /** The instrumentations that advised the class this thread saw transformed last, once. */
  String[] takeLastCommitted() {
    String[] names = lastCommitted.get();
    lastCommitted.remove();
    return names == null ? new String[0] : names;
  }

  /** The JVM refused to retransform {@code typeName}: it keeps none of the advice counted for it. */
  void notRetransformed(String typeName) {
    for (Set<String> classes : byInstrumentation.values()) {
      classes.remove(typeName);
    }
  }

  /** The transformation failed or was not needed: nothing counts. */
  void discarded() {
    pending.remove();
  }

  /** Instrumentation name → the classes it advised, sorted. */
  Map<String, List<String>> snapshot() {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, Set<String>> entry : byInstrumentation.entrySet()) {
      out.put(entry.getKey(), new ArrayList<>(new TreeSet<>(entry.getValue())));
    }
    return out;
  }
}
