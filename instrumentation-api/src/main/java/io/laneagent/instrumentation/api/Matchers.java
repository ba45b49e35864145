package io.laneagent.instrumentation.api;

import static net.bytebuddy.matcher.ElementMatchers.any;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import io.laneagent.bootstrap.LaneLog;

/** Matchers that are cheap and never throw. */
public final class Matchers {

  private Matchers() {}

  public static ElementMatcher<ClassLoader> anyLoader() {
    return any();
  }

  /**
   * Matches class loaders that can see all of {@code classNames} (as resources: nothing is loaded).
   * Cached per loader, weakly, so web-app class loaders can still be collected.
   */
  public static ElementMatcher<ClassLoader> hasClasses(String... classNames) {
    return new HasClasses(classNames);
  }

  /**
   * Class loaders that see {@code typeName} and all of {@code requiredClasses} (a library at or above an
   * instrumentation's {@link VersionFloor}). A loader that sees the type but not all of them has an older
   * version: {@code warning} is logged for it, once.
   */
  public static ElementMatcher<ClassLoader> atVersionFloor(String typeName, String[] requiredClasses, String warning) {
    return new AtVersionFloor(typeName, requiredClasses, warning, new String[0]);
  }

  /** {@link #atVersionFloor(String, String[], String)}, warning only where {@code inUse} are visible too. */
  public static ElementMatcher<ClassLoader> atVersionFloor(String typeName, String[] requiredClasses, String warning,
      String[] inUse) {
    return new AtVersionFloor(typeName, requiredClasses, warning, inUse);
  }

  /**
   * {@code delegate}, but false instead of an exception. Resolving super types fails for classes whose
   * optional dependencies are missing (Spring's optional integrations, say); that is not our business
   * and must not surface as an error.
   */
  public static <T> ElementMatcher<T> safe(final String description, final ElementMatcher<T> delegate) {
    return new ElementMatcher<T>() {
      @Override
      public boolean matches(T target) {
        try {
          return delegate.matches(target);
        } catch (Throwable e) {
          if (LaneLog.isDebug()) {
            LaneLog.debug("matcher '" + description + "' could not decide on " + describe(target) + ": " + e);
          }
          return false;
        }
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }

  private static String describe(Object target) {
    return target instanceof TypeDescription ? ((TypeDescription) target).getName() : String.valueOf(target);
  }

  private static final class AtVersionFloor implements ElementMatcher<ClassLoader> {
    private final HasClasses type;
    private final HasClasses all;
    private final String warning;

    AtVersionFloor(String typeName, String[] requiredClasses, String warning, String[] inUse) {
      String[] classes = new String[requiredClasses.length + 1];
      classes[0] = typeName;
      System.arraycopy(requiredClasses, 0, classes, 1, requiredClasses.length);
      String[] present = new String[inUse.length + 1];
      present[0] = typeName;
      System.arraycopy(inUse, 0, present, 1, inUse.length);
      this.type = new HasClasses(present);
      this.all = new HasClasses(classes);
      this.warning = warning;
    }

    @Override
    public boolean matches(ClassLoader loader) {
      if (all.matches(loader)) {
        return true;
      }
      if (type.matches(loader)) {
        // once per loader: HasClasses caches its answer, but this line runs for each class it is asked about
        LaneLog.warnOnce("version-floor:" + warning + "@" + System.identityHashCode(loader), warning);
      }
      return false;
    }
  }

  private static final class HasClasses implements ElementMatcher<ClassLoader> {
    private final String[] resources;
    private final Map<ClassLoader, Boolean> cache = new WeakHashMap<>();

    HasClasses(String[] classNames) {
      resources = new String[classNames.length];
      for (int i = 0; i < classNames.length; i++) {
        resources[i] = classNames[i].replace('.', '/') + ".class";
      }
    }

    @Override
    public boolean matches(ClassLoader loader) {
      if (loader == null) {
        return false; // the bootstrap loader holds no library of ours
      }
      synchronized (cache) {
        Boolean known = cache.get(loader);
        if (known != null) {
          return known;
        }
      }
      boolean found = true;
      try {
        for (String resource : resources) {
          if (loader.getResource(resource) == null) {
            found = false;
            break;
          }
        }
      } catch (Throwable e) {
        found = false;
      }
      synchronized (cache) {
        cache.put(loader, found);
      }
      return found;
    }
  }
}
