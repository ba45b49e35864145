package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Which already-loaded classes the install pass looks at. At premain those are ~1,000 JDK classes; with a
 * JDK 24+ AOT cache the JVM has loaded thousands of the application's classes ahead of time too. Byte
 * Buddy would describe each one and run every type matcher on it (hierarchy walks included) to
 * retransform a handful: most of the install's time (~670 ms of a Spring Boot start with an AOT cache).
 * Every instrumentation names the types its classes are or descend from
 * ({@code TypeInstrumentation.installPassRoots}); only loaded classes related to one of them are handed
 * on: the loaded classes of a root's name, and those assignable to one of them (reflection on loaded classes,
 * which loads nothing). If one instrumentation cannot say, every class goes.
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

  /** Registers roots described before (see {@link InstallDescription}); {@code everything}: some type could not say. */
  void addRoots(java.util.Collection<String> named, boolean everything) {
    roots.addAll(named);
    this.everything |= everything;
  }

  Set<String> roots() {
    return Collections.unmodifiableSet(roots);
  }

  /** Whether every loaded class goes (an instrumentation could not name its roots). */
  boolean everything() {
    return everything;
  }

  /**
   * The related loaded classes, then again those loaded since, until no new one is related. A class can load
   * while the first batch is retransformed, inside our transformer, which then skips it (describing
   * {@code java.lang.VirtualThread} by reflection loads {@code ForkJoinPool}: JDK 21+ ran without the
   * {@code ForkJoinPool} advice): Byte Buddy retransforms each batch before it asks for the next.
   */
  @Override
  public Iterable<Iterable<Class<?>>> resolve(final Instrumentation instrumentation) {
    return new Iterable<Iterable<Class<?>>>() {
      @Override
      public Iterator<Iterable<Class<?>>> iterator() {
        return new Iterator<Iterable<Class<?>>>() {
          private final Set<Class<?>> seen = Collections.newSetFromMap(new IdentityHashMap<Class<?>, Boolean>());
          private List<Class<?>> next;
          private int passes;

          @Override
          public boolean hasNext() {
            if (next == null && passes < MAX_PASSES) {
              List<Class<?>> batch = candidates(instrumentation, seen, passes++);
              if (passes == 1 || !batch.isEmpty()) {
                next = batch; // the first batch even when empty: Byte Buddy expects one
              } else {
                passes = MAX_PASSES; // nothing new: done
              }
            }
            return next != null;
          }

          @Override
          public Iterable<Class<?>> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            List<Class<?>> batch = next;
            next = null;
            return batch;
          }

          @Override
          public void remove() {
            throw new UnsupportedOperationException();
          }
        };
      }
    };
  }

  /** Bounds the passes: each is a walk over every loaded class. */
  private static final int MAX_PASSES = 8;

  /** The loaded classes not {@code seen} yet that an instrumentation may match; all of them are seen after. */
  private List<Class<?>> candidates(Instrumentation instrumentation, Set<Class<?>> seen, int pass) {
    long start = System.nanoTime();
    Class<?>[] loaded = instrumentation.getAllLoadedClasses();
    // A class related to a root has a class of that name among its super types, and super types load first:
    // the loaded classes of a root's name decide (by Class.isAssignableFrom, which allocates nothing — walking
    // each class's interfaces by reflection left a ReflectionData behind in each of the ~7,600 classes an AOT
    // cache loads before premain, ~0.8 MB).
    List<Class<?>> rootTypes = new ArrayList<>();
    if (!everything) {
      for (Class<?> type : loaded) {
        if (roots.contains(type.getName())) {
          rootTypes.add(type);
        }
      }
    }
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : loaded) {
      if (seen.add(type) && !type.isArray() && !type.isPrimitive() && (everything || isRelated(type, rootTypes))) {
        candidates.add(type);
      }
    }
    if (LaneLog.isDebug()) {
      LaneLog.debug("install pass " + (pass + 1) + ": " + candidates.size() + " of " + loaded.length + " loaded classes "
          + (pass == 0 ? "" : "(new since the pass before) ") + "related to an instrumentation, found in "
          + (System.nanoTime() - start) / 1_000_000 + " ms" + (everything ? "" : ": " + candidates));
    }
    return candidates;
  }

  /** Whether {@code type} is one of {@code rootTypes} or a subtype of one. */
  private static boolean isRelated(Class<?> type, List<Class<?>> rootTypes) {
    for (Class<?> root : rootTypes) {
      if (root.isAssignableFrom(type)) {
        return true;
      }
    }
    return false;
  }
}
