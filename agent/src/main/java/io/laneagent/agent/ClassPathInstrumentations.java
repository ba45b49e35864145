package io.laneagent.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;

/**
 * The loader the installer's {@code ServiceLoader} reads: instrumentations registered by jars on the
 * application's class path ({@code META-INF/services/io.laneagent.instrumentation.api.LaneInstrumentation})
 * are found next to the agent's own, as when everything of the agent ran from the system class loader.
 *
 * <p>Why a loader of its own: on Java 9+ the installer runs from the agent's loader ({@code InstallerLoader}),
 * whose parent is the platform loader. A class on the class path that the system loader loaded would be
 * linked against the system loader's copy of our API ({@code LaneInstrumentation}, Byte Buddy's matchers),
 * not the installer's, and could not be used. So resources (the services files) come from the system loader,
 * our own classes parent-first from the installer's loader, and a class-path instrumentation's classes are
 * read from the class path and defined here, linked against the installer's API.
 */
final class ClassPathInstrumentations extends ClassLoader {

  private final ClassLoader classPath;

  private ClassPathInstrumentations(ClassLoader installer, ClassLoader classPath) {
    super(installer);
    this.classPath = classPath;
  }

  /** The loader to find instrumentations with, when the installer's loader is {@code installer} (null: boot class path). */
  static ClassLoader forInstaller(ClassLoader installer) {
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (installer == null || installer == system) {
      return system; // the agent's classes are those the class path's classes link against
    }
    return new ClassPathInstrumentations(installer, system);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    InputStream in = classPath.getResourceAsStream(name.replace('.', '/') + ".class");
    if (in == null) {
      throw new ClassNotFoundException(name);
    }
    try {
      byte[] classFile = Streams.readAll(in);
      return defineClass(name, classFile, 0, classFile.length);
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
  }

  @Override
  protected URL findResource(String name) {
    return classPath.getResource(name);
  }

  @Override
  protected Enumeration<URL> findResources(String name) throws IOException {
    return classPath.getResources(name);
  }

}
