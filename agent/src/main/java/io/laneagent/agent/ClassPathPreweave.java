package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * An AOT training run's dry install (and {@code lane.weave-ahead}'s) also weaves, and keeps, the classes of the
 * application class path it did not load itself (#19). Spring Boot's training recipe ({@code -Dspring.context.exit=onRefresh}) ends before the
 * application has loaded all it loads on its way to "Started" and at its first requests; a run would meet such a
 * class — one the prefilter lets through, like Spring's {@code PathResource} with its {@code getInputStream()} —
 * and have Byte Buddy set up for it ({@link DeferredByteBuddy}), which is most of what the run saves by the file.
 * So every class file on the class path (its jars, the jars their manifests' {@code Class-Path} names, its
 * directories) that the prefilter lets through goes through the dry run's transformer as if it were being loaded:
 * Byte Buddy describes it from its class file (nothing is loaded) and the file keeps what it wove or that it leaves
 * the class as it is. Classes the prefilter turns away are not written: a run's prefilter settles them.
 *
 * <p>The JDK's classes too, on Java 9+ ({@code RuntimeImagePreweave}). Other loaders' classes are never kept
 * ({@link WovenClasses}). A class the run's loader reads otherwise (a multi-release jar's versioned entry) has other
 * bytes and is woven as without the file.
 */
final class ClassPathPreweave {

  private static final String RUNTIME_IMAGE = "io.laneagent.agent.RuntimeImagePreweave";

  private ClassPathPreweave() {}

  /** Hands {@code transformer} each such class; returns how many it handed. */
  static int run(ClassFileTransformer transformer, WovenClassesUse woven, SignaturePrefilter prefilter) {
    long start = System.nanoTime();
    ClassLoader app = ClassLoader.getSystemClassLoader();
    Deque<File> pending = new ArrayDeque<>();
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        pending.add(new File(entry));
      }
    }
    Set<File> seen = new HashSet<>();
    int scanned = 0;
    int handed = 0;
    while (!pending.isEmpty()) {
      File entry = canonical(pending.poll());
      if (!seen.add(entry)) {
        continue;
      }
      try {
        if (entry.isDirectory()) {
          int[] counts = directory(entry, "", transformer, woven, prefilter, app);
          scanned += counts[0];
          handed += counts[1];
        } else if (entry.isFile()) {
          try (JarFile jar = new JarFile(entry)) {
            addManifestClassPath(jar, entry, pending);
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
              JarEntry classEntry = entries.nextElement();
              String internalName = internalName(classEntry.getName());
              if (internalName != null) {
                scanned++;
                try (InputStream in = jar.getInputStream(classEntry)) {
                  handed += offer(internalName, Streams.readAll(in), transformer, woven, prefilter, app);
                }
              }
            }
          }
        }
      } catch (Throwable e) {
        LaneLog.debug("the training run could not weave ahead the classes of " + entry + ": " + e);
      }
    }
    if (JavaModules.SUPPORTED) {
      try {
        int[] counts = (int[]) Class.forName(RUNTIME_IMAGE, true, ClassPathPreweave.class.getClassLoader())
            .getDeclaredMethod("run", ClassFileTransformer.class, WovenClassesUse.class, SignaturePrefilter.class)
            .invoke(null, transformer, woven, prefilter);
        scanned += counts[0];
        handed += counts[1];
      } catch (Throwable e) {
        LaneLog.debug("the training run could not weave ahead the JDK's classes: " + e);
      }
    }
    LaneLog.info("wove ahead " + handed + " classes of the class path and the JDK (of " + scanned + " read, in "
        + (System.nanoTime() - start) / 1_000_000 + " ms), so that the runs need no Byte Buddy for them");
    return handed;
  }

  private static int[] directory(File dir, String prefix, ClassFileTransformer transformer, WovenClassesUse woven,
      SignaturePrefilter prefilter, ClassLoader app) throws IOException {
    int[] counts = new int[2];
    File[] files = dir.listFiles();
    if (files == null) {
      return counts;
    }
    for (File file : files) {
      String path = prefix + file.getName();
      if (file.isDirectory()) {
        int[] nested = directory(file, path + "/", transformer, woven, prefilter, app);
        counts[0] += nested[0];
        counts[1] += nested[1];
      } else {
        String internalName = internalName(path);
        if (internalName != null) {
          counts[0]++;
          try (InputStream in = new java.io.FileInputStream(file)) {
            counts[1] += offer(internalName, Streams.readAll(in), transformer, woven, prefilter, app);
          }
        }
      }
    }
    return counts;
  }

  /** 1 if {@code classFile} went to the transformer, 0 if the prefilter, our ignore list or the file settles it. */
  static int offer(String internalName, byte[] classFile, ClassFileTransformer transformer,
      WovenClassesUse woven, SignaturePrefilter prefilter, ClassLoader loader) {
    if (IgnoredClasses.ignores(internalName) || woven.knows(loader, internalName)) {
      return 0;
    }
    java.util.BitSet candidates = prefilter.candidates(internalName, classFile);
    if (candidates != null && candidates.isEmpty()) {
      return 0;
    }
    try {
      transformer.transform(loader, internalName, null, null, classFile); // the dry run keeps and drops
    } catch (Throwable e) {
      // Byte Buddy's listener has said why; the runs weave this class themselves
    }
    return 1;
  }

  /** The internal name of a class file's path in a jar or directory, or null for what the loader never defines. */
  static String internalName(String path) {
    if (!path.endsWith(".class") || path.startsWith("META-INF/") || path.endsWith("module-info.class")
        || path.endsWith("package-info.class")) {
      return null;
    }
    return path.substring(0, path.length() - ".class".length());
  }

  /** The jars a jar's manifest puts on the class path, relative to the jar (as the application loader reads them). */
  private static void addManifestClassPath(JarFile jar, File jarFile, Deque<File> pending) throws IOException {
    Manifest manifest = jar.getManifest();
    String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    if (classPath == null) {
      return;
    }
    for (String relative : classPath.trim().split("\\s+")) {
      if (!relative.isEmpty() && !relative.contains(":")) { // a URL with a scheme (file:, http:) is left out
        pending.add(new File(jarFile.getParentFile(), relative.replace('/', File.separatorChar)));
      }
    }
  }

  private static File canonical(File file) {
    try {
      return file.getCanonicalFile();
    } catch (IOException e) {
      return file.getAbsoluteFile();
    }
  }
}
