package io.laneagent.testapp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * A {@code Thread} subclass whose {@code run()} makes the probe's call, defined by the hand-off
 * {@code via=own-loader-thread} in a class loader of its own for every call: a class no class-data archive or
 * training run can have seen in that loader (only the JVM's own loaders' classes are kept), which the agent
 * weaves when it is defined. It overrides {@code run()} without calling {@code super.run()}, so the call carries
 * the request's lane only if this class's own {@code run()} is advised.
 */
public class OwnLoaderThread extends Thread {

  private final Map<String, String> params;
  private volatile String result;
  private volatile Exception failure;

  public OwnLoaderThread(Map<String, String> params) {
    this.params = params;
  }

  @Override
  public void run() {
    try {
      result = Probe.call(params);
    } catch (Exception e) {
      failure = e;
    }
  }

  public String result() throws Exception {
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  /** Starts this class, defined afresh in a loader of its own, on {@code params}; waits for its result. */
  static String runInOwnLoader(Map<String, String> params) throws Exception {
    Class<?> type = defineInOwnLoader(OwnLoaderThread.class);
    Thread thread = (Thread) type.getConstructor(Map.class).newInstance(params);
    thread.start();
    thread.join(20_000);
    return (String) type.getMethod("result").invoke(thread);
  }

  private static Class<?> defineInOwnLoader(Class<?> original) throws IOException, ClassNotFoundException {
    String name = original.getName();
    byte[] bytes;
    try (InputStream in = original.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
      bytes = in.readAllBytes();
    }
    ClassLoader own = new ClassLoader(original.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (!className.equals(name)) {
          return super.loadClass(className, resolve);
        }
        synchronized (getClassLoadingLock(className)) {
          Class<?> loaded = findLoadedClass(className);
          return loaded != null ? loaded : defineClass(className, bytes, 0, bytes.length);
        }
      }
    };
    return own.loadClass(name);
  }
}
