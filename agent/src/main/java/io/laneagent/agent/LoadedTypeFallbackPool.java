package io.laneagent.agent;

import static net.bytebuddy.matcher.ElementMatchers.is;

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
   * Weak keys: a web application's loader can still be collected. The bootstrap loader is the null key.
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

  private final ClassLoader classLoader;

  private LoadedTypeFallbackPool(TypePool.CacheProvider cache, ClassFileLocator classFileLocator,
      ClassLoader classLoader) {
    super(cache, classFileLocator, TypePool.Default.ReaderMode.FAST);
    this.classLoader = classLoader;
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
    try {
      // Not initialised, only looked up: such types are already loaded by whoever generated them.
      return cacheProvider.register(name,
          new Resolution.Simple(TypeDescription.ForLoadedType.of(Class.forName(name, false, classLoader))));
    } catch (Throwable e) {
      if (io.laneagent.bootstrap.LaneLog.isDebug()) {
        io.laneagent.bootstrap.LaneLog.debug("no class file and no loaded class for " + name + " in " + classLoader + ": " + e);
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
