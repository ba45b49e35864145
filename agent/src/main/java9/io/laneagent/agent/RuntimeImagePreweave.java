package io.laneagent.agent;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link ClassPathPreweave} for the JDK's own classes (Java 9+: the runtime image's modules, read through the
 * {@code jrt:} file system). A Spring Boot start loads JDK classes the training recipe does not (the sockets Tomcat
 * opens, whose {@code getInputStream()} the prefilter lets through); each module's classes are offered with the
 * loader the JVM defines them to — the boot loader, the platform loader or the application loader. Modules this JVM
 * did not resolve never load a class and are left out. Compiled for Java 9; called reflectively.
 */
final class RuntimeImagePreweave {

  private RuntimeImagePreweave() {}

  /** Returns {read, handed}. */
  static int[] run(ClassFileTransformer transformer, WovenClassesUse woven, SignaturePrefilter prefilter)
      throws IOException {
    int[] counts = new int[2];
    FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(jrt.getPath("/modules"))) {
      for (Path modulePath : modules) {
        String name = modulePath.getFileName().toString().replace("/", "");
        Optional<Module> module = ModuleLayer.boot().findModule(name);
        if (!module.isPresent()) {
          continue;
        }
        ClassLoader loader = module.get().getClassLoader();
        if (WovenClasses.loaderKind(loader) == null) {
          continue;
        }
        try (Stream<Path> files = Files.walk(modulePath)) {
          for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
            Path file = it.next();
            String internalName = ClassPathPreweave.internalName(modulePath.relativize(file).toString());
            if (internalName != null && !Files.isDirectory(file)) {
              counts[0]++;
              counts[1] += ClassPathPreweave.offer(internalName, Files.readAllBytes(file), transformer, woven, prefilter,
                  loader);
            }
          }
        }
      }
    }
    return counts;
  }
}
