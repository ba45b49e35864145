package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class LoadedTypeFallbackPoolTest {

  /** A type to describe, read from the test classes through a loader of its own. */
  public static class Described extends Thread {
    @Override
    public void run() {}
  }

  @Test
  void aTypeIsDescribedFromTheLoadersClassFiles() throws Exception {
    try (URLClassLoader loader = testClassesLoader()) {
      TypeDescription type = describe(loader);
      assertThat(type.getSuperClass().asErasure().getName()).isEqualTo("java.lang.Thread");
      assertThat(type.getDeclaredMethods().filter(m -> m.getName().equals("run"))).hasSize(1);
    }
  }

  /**
   * The parsed types are shared per class loader (weak keys). Byte Buddy's descriptions hold their pool, and so
   * the pool's class loader and class file locator: those must not keep a class loader the application dropped
   * (an undeployed web application) — with the class file locator the agent's builder hands over
   * ({@link AgentBuilders}: {@code LocationStrategy.ForClassLoader.WEAK}).
   */
  @Test
  void aDroppedClassLoaderIsNotKeptByTheSharedDescriptions() throws Exception {
    URLClassLoader loader = testClassesLoader();
    describe(loader).getDeclaredMethods().size();
    WeakReference<ClassLoader> dropped = new WeakReference<>(loader);
    loader.close();
    loader = null;
    for (int i = 0; i < 100 && dropped.get() != null; i++) {
      System.gc();
      Thread.sleep(20); // waiting for the collector to clear the reference
    }
    assertThat(dropped.get()).as("the class loader, after it was dropped").isNull();
  }

  private static TypeDescription describe(ClassLoader loader) {
    ClassFileLocator locator = AgentBuilders.LOCATION_STRATEGY.classFileLocator(loader, null);
    TypePool pool = LoadedTypeFallbackPool.STRATEGY.typePool(locator, loader);
    return pool.describe(Described.class.getName()).resolve();
  }

  private static URLClassLoader testClassesLoader() {
    URL classes = Described.class.getProtectionDomain().getCodeSource().getLocation();
    return new URLClassLoader(new URL[] {classes}, null);
  }
}
