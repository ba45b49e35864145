package io.laneagent.agent;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of the installer, Byte Buddy and the instrumentations on Java 9+: a {@link URLClassLoader}
 * of the agent's own over the agent jar, whose parent is the platform loader (so nothing comes from the
 * system class loader's copy of the same jar).
 *
 * <p>Why not the system class loader, where {@code -javaagent} put the jar: the JVM archives no class it
 * loaded from there (the jar joins the class path after the archive's class path was checked), so every run
 * loads, verifies and interprets the ~900 classes of Byte Buddy and the installer anew — most of what the
 * agent adds to start-up. Classes a {@code URLClassLoader} of the application's (here: the agent's) loads
 * from a jar file are what CDS calls <em>unregistered</em> classes: a JDK 24+ AOT cache trained with the
 * agent attached holds them, and at run time the JVM takes them from the cache when this loader defines a
 * class whose bytes match (name, size, CRC). See {@code TrainingRun} for the training run's dry install.
 *
 * <p>The core stays in the boot loader ({@code BootLoaderDefiner}) and is found by parent delegation.
 * Compiled for Java 9; created reflectively on Java 9+ only.
 */
final class InstallerLoader {

  private InstallerLoader() {}

  static ClassLoader create(File agentJar) throws Exception {
    return new URLClassLoader("lane-agent", new URL[] {agentJar.toURI().toURL()}, ClassLoader.getPlatformClassLoader());
  }
}
