package io.laneagent.agent;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Puts the agent's run-time core — what advice calls from inside JDK classes: {@code io.laneagent.bootstrap}
 * and our relocated opentelemetry-context — into the bootstrap class loader by defining each of its
 * classes there, instead of appending the agent jar to the bootstrap class path. An appended boot class
 * path makes the JVM give up class data sharing for every class outside the boot loader ("Sharing is only
 * supported for boot loader classes because bootstrap classpath has been appended"), which costs a Spring
 * Boot service with an AppCDS archive or a JDK 24+ AOT cache most of what the archive saves.
 *
 * <p>The classes are defined with {@code jdk.internal.misc.Unsafe.defineClass} and a null loader; the
 * package is exported to the agent for that through {@code Instrumentation.redefineModule} (no
 * {@code --add-exports}, no {@code sun.misc.Unsafe}). A class's super class and interfaces are defined
 * before it. All of them are defined up front: the boot loader finds a class we defined by name, but
 * cannot load one of ours that we did not. Everything else of the agent (the installer, Byte Buddy, the
 * instrumentations) stays in the system class loader, where {@code -javaagent} put the jar.
 *
 * <p>Compiled for Java 9; created reflectively on Java 9+ only. Any failure returns false, and the
 * caller falls back to the boot class path.
 */
final class BootLoaderDefiner {

  /** The packages of the core, as jar entry prefixes. */
  static final String[] CORE = {"io/laneagent/bootstrap/", "io/laneagent/shaded/io/opentelemetry/"};

  private final Map<String, byte[]> classFiles = new HashMap<>();
  private final Set<String> defined = new HashSet<>();
  private final Method defineClass;
  private final Object unsafe;

  private BootLoaderDefiner(Object unsafe, Method defineClass) {
    this.unsafe = unsafe;
    this.defineClass = defineClass;
  }

  /** Defines the core in the bootstrap class loader; false (nothing to rely on) when that is not possible. */
  static boolean define(Instrumentation instrumentation, File agentJar) {
    try {
      Module base = Object.class.getModule();
      Module agent = BootLoaderDefiner.class.getModule();
      instrumentation.redefineModule(base, Collections.<Module>emptySet(),
          Collections.singletonMap("jdk.internal.misc", Collections.singleton(agent)),
          Collections.<String, Set<Module>>emptyMap(), Collections.<Class<?>>emptySet(),
          Collections.<Class<?>, List<Class<?>>>emptyMap());
      Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
      Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
      Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
          ClassLoader.class, java.security.ProtectionDomain.class);
      BootLoaderDefiner definer = new BootLoaderDefiner(unsafe, defineClass);
      definer.read(agentJar);
      for (String name : new ArrayList<>(definer.classFiles.keySet())) {
        definer.defineWithSupertypes(name);
      }
      return true;
    } catch (Throwable e) {
      if (Boolean.getBoolean("lane.debug") || "true".equalsIgnoreCase(System.getenv("LANE_DEBUG"))) {
        System.err.println("[lane-agent] DEBUG could not define the core in the boot loader (" + e
            + "); appending the agent jar to the boot class path instead");
      }
      return false;
    }
  }

  private void read(File agentJar) throws IOException {
    try (JarFile jar = new JarFile(agentJar)) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.endsWith(".class") && isCore(name)) {
          try (InputStream in = jar.getInputStream(entry)) {
            classFiles.put(name.substring(0, name.length() - ".class".length()), readAll(in));
          }
        }
      }
    }
  }

  static boolean isCore(String entryName) {
    for (String prefix : CORE) {
      if (entryName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** {@code internalName} after its super class and interfaces that are ours too. */
  private void defineWithSupertypes(String internalName) throws Exception {
    if (defined.contains(internalName)) {
      return;
    }
    byte[] classFile = classFiles.get(internalName);
    for (String supertype : ClassFileHeader.supertypes(classFile)) {
      if (classFiles.containsKey(supertype)) {
        defineWithSupertypes(supertype);
      }
    }
    defined.add(internalName);
    defineClass.invoke(unsafe, internalName.replace('/', '.'), classFile, 0, classFile.length, null, null);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) > 0; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * The super class and interfaces a class file names (its constant pool, read as far as needed). The tag
   * table repeats {@code SignaturePrefilter.scanConstantPool}'s on purpose: that one is the per-class hot path
   * (it runs interpreted at start-up, over every constant of every class loaded, so no call per entry); this
   * one reads the core's classes once.
   */
  static final class ClassFileHeader {

    private ClassFileHeader() {}

    static List<String> supertypes(byte[] classFile) throws IOException {
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
      in.readInt(); // magic
      in.readUnsignedShort();
      in.readUnsignedShort();
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      int[] classNameIndex = new int[count];
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1: // Utf8
            utf8[i] = in.readUTF();
            break;
          case 7: // Class
            classNameIndex[i] = in.readUnsignedShort();
            break;
          case 8: // String
          case 16: // MethodType
          case 19: // Module
          case 20: // Package
            in.readUnsignedShort();
            break;
          case 15: // MethodHandle
            in.readUnsignedByte();
            in.readUnsignedShort();
            break;
          case 3: // Integer
          case 4: // Float
          case 9: // Fieldref
          case 10: // Methodref
          case 11: // InterfaceMethodref
          case 12: // NameAndType
          case 17: // Dynamic
          case 18: // InvokeDynamic
            in.readInt();
            break;
          case 5: // Long
          case 6: // Double
            in.readLong();
            i++;
            break;
          default:
            throw new IOException("unknown constant pool tag " + tag);
        }
      }
      in.readUnsignedShort(); // access flags
      in.readUnsignedShort(); // this class
      List<String> supertypes = new ArrayList<>();
      int superIndex = in.readUnsignedShort();
      if (superIndex != 0) {
        supertypes.add(utf8[classNameIndex[superIndex]]);
      }
      int interfaces = in.readUnsignedShort();
      for (int i = 0; i < interfaces; i++) {
        supertypes.add(utf8[classNameIndex[in.readUnsignedShort()]]);
      }
      return supertypes;
    }
  }
}
