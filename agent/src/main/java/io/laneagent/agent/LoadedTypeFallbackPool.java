package io.laneagent.agent;

import static net.bytebuddy.matcher.ElementMatchers.is;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Byte Buddy's lazy type pool (class files first, as by default), with one addition: a type whose class
 * file cannot be found is described from the loaded class, if there is one.
 *
 * <p>Why: other agents add interfaces they generate at run time to the classes they transform — the
 * OpenTelemetry agent's {@code VirtualFieldInstalledMarker} and {@code VirtualFieldAccessor$…} on
 * {@code HttpURLConnection}, thread pools, every {@code Runnable} it tracks. Those interfaces have no
 * class file anywhere; without this fallback, each class the other agent touched first could not be
 * instrumented by us ("Cannot resolve type description for …").
 */
final class LoadedTypeFallbackPool extends TypePool.Default.WithLazyResolution {

  /**
   * Parsed types per class loader, shared by all transformations: the super types of the classes we
   * transform (Object, the framework's base classes) are parsed once, not once per transformed class.
   * Weak keys, and nothing in the values refers to a loader strongly — the pools hold theirs weakly, the class
   * file locators too ({@code AgentBuilders.LOCATION_STRATEGY}), loaded-type fallbacks are not cached — so an
   * undeployed web application's loader can be collected (LoadedTypeFallbackPoolTest; before, each parsed
   * type's pool kept its loader for good). The bootstrap loader is the null key.
   */
  private static final Map<ClassLoader, TypePool.CacheProvider> SHARED = new WeakHashMap<>();

  /** The pool strategy that creates these pools. */
  static final AgentBuilder.PoolStrategy STRATEGY = new AgentBuilder.PoolStrategy() {
    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
      return new LoadedTypeFallbackPool(shared(classLoader), classFileLocator, classLoader);
    }

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
      // the class being transformed is described from the bytes at hand, never from or into the cache
      TypePool.CacheProvider cache =
          new TypePool.CacheProvider.Discriminating(is(name), new ResolvedOnlyCache(), shared(classLoader));
      return new LoadedTypeFallbackPool(cache, classFileLocator, classLoader);
    }
  };

  private static TypePool.CacheProvider shared(ClassLoader classLoader) {
    synchronized (SHARED) {
      TypePool.CacheProvider cache = SHARED.get(classLoader);
      if (cache == null) {
        cache = new ResolvedOnlyCache();
        SHARED.put(classLoader, cache);
      }
      return cache;
    }
  }

  /**
   * Weakly: the parsed types this pool creates hold the pool and are kept per loader (above), so a strong
   * reference here would keep the loader for good (LoadedTypeFallbackPoolTest). Null for the bootstrap loader.
   */
  private final WeakReference<ClassLoader> classLoader;

  private LoadedTypeFallbackPool(TypePool.CacheProvider cache, ClassFileLocator classFileLocator,
      ClassLoader classLoader) {
    super(cache, classFileLocator, TypePool.Default.ReaderMode.FAST);
    this.classLoader = classLoader == null ? null : new WeakReference<ClassLoader>(classLoader);
  }

  @Override
  protected Resolution doDescribe(String name) {
    return orLoaded(name, super.doDescribe(name));
  }

  @Override
  protected Resolution doResolve(String name) {
    return orLoaded(name, super.doResolve(name));
  }

  private Resolution orLoaded(String name, Resolution resolution) {
    if (resolution.isResolved()) {
      return resolution;
    }
    ClassLoader loader = classLoader == null ? null : classLoader.get();
    if (classLoader != null && loader == null) {
      return resolution; // the loader is gone
    }
    try {
      // Not initialised, only looked up: such types are already loaded by whoever generated them. Not cached:
      // a loaded type holds its class loader, which the shared cache must not keep (rare types, see above).
      return new Resolution.Simple(TypeDescription.ForLoadedType.of(Class.forName(name, false, loader)));
    } catch (Throwable e) {
      if (io.laneagent.bootstrap.LaneLog.isDebug()) {
        io.laneagent.bootstrap.LaneLog.debug("no class file and no loaded class for " + name + " in " + loader + ": " + e);
      }
      return resolution;
    }
  }

  /**
   * The most recently used parsed types of one class loader, at most {@link #CAPACITY}; a miss is never
   * remembered, so that the loaded-class fallback gets its turn.
   *
   * <p>Bounded because a parsed type is heavy (Byte Buddy keeps tokens for every method, with maps for
   * their annotations): unbounded and kept for the loader's lifetime, the super types parsed during
   * start-up held +2.6 MB of heap on the Spring Boot sample; with 16 per loader +1.2 MB, and start-up
   * time stays within noise of the unbounded cache (issue #7, docs/performance.md).
   */
  private static final class ResolvedOnlyCache implements TypePool.CacheProvider {
    static final int CAPACITY = 16;

    private final Map<String, Resolution> recent = new LinkedHashMap<String, Resolution>(CAPACITY * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Resolution> eldest) {
        return size() > CAPACITY;
      }
    };

    @Override
    public synchronized Resolution find(String name) {
      return recent.get(name);
    }

    @Override
    public synchronized Resolution register(String name, Resolution resolution) {
      if (resolution.isResolved()) {
        recent.put(name, resolution);
      }
      return resolution;
    }

    @Override
    public synchronized void clear() {
      recent.clear();
    }
  }
}
