package io.laneagent.agent;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The run-time core's class files in one jar entry ({@link #RESOURCE}), in the order the boot loader must define
 * them (a class after its super class and interfaces), written at build time by {@link #main} from the shaded jar.
 * At premain {@code BootLoaderDefiner} reads this one entry instead of opening the jar a second time, walking its
 * ~3,400 entries for the core's and reading each class file's constant pool for its super types: ~10 ms of premain
 * with JDK 17 AppCDS (#19).
 *
 * <p>Format: magic, count, then per class its internal name ({@code writeUTF}), length and bytes.
 */
final class CoreBundle {

  static final String RESOURCE = "io/laneagent/agent/core.bundle";
  /** The packages of the core, as jar entry prefixes. */
  static final String[] CORE = {"io/laneagent/bootstrap/", "io/laneagent/shaded/io/opentelemetry/"};
  private static final int MAGIC = 0x4c4e4331; // "LNC1"

  private CoreBundle() {}

  /** Build time: {@code args[0]} the shaded agent jar, {@code args[1]} the bundle file to write. */
  public static void main(String[] args) throws IOException {
    Map<String, byte[]> classFiles = new TreeMap<>(); // sorted: the same jar gives the same bundle
    try (JarFile jar = new JarFile(args[0])) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (name.endsWith(".class") && isCore(name)) {
          try (InputStream in = jar.getInputStream(entry)) {
            classFiles.put(name.substring(0, name.length() - ".class".length()), Streams.readAll(in));
          }
        }
      }
    }
    if (classFiles.isEmpty()) {
      throw new IOException("no class of the core in " + args[0]);
    }
    File out = new File(args[1]);
    if (out.getParentFile() != null && !out.getParentFile().isDirectory() && !out.getParentFile().mkdirs()) {
      throw new IOException("cannot create " + out.getParentFile());
    }
    try (DataOutputStream bundle = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(out)))) {
      write(inDefinitionOrder(classFiles), bundle);
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

  /** {@code classFiles} (internal name → bytes) with each class after its super types among them. */
  static Map<String, byte[]> inDefinitionOrder(Map<String, byte[]> classFiles) throws IOException {
    Map<String, byte[]> ordered = new LinkedHashMap<>();
    for (String name : classFiles.keySet()) {
      addWithSupertypes(name, classFiles, ordered);
    }
    return ordered;
  }

  private static void addWithSupertypes(String name, Map<String, byte[]> classFiles, Map<String, byte[]> ordered)
      throws IOException {
    if (ordered.containsKey(name)) {
      return;
    }
    byte[] classFile = classFiles.get(name);
    for (String supertype : supertypes(classFile)) {
      if (classFiles.containsKey(supertype)) {
        addWithSupertypes(supertype, classFiles, ordered);
      }
    }
    ordered.put(name, classFile);
  }

  static void write(Map<String, byte[]> ordered, DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(ordered.size());
    for (Map.Entry<String, byte[]> classFile : ordered.entrySet()) {
      out.writeUTF(classFile.getKey());
      out.writeInt(classFile.getValue().length);
      out.write(classFile.getValue());
    }
  }

  /** The bundle's classes, internal name → bytes, in definition order. */
  static Map<String, byte[]> read(InputStream bundle) throws IOException {
    DataInputStream in = new DataInputStream(bundle);
    if (in.readInt() != MAGIC) {
      throw new IOException("not lane-agent's core bundle");
    }
    int count = in.readInt();
    Map<String, byte[]> classFiles = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      byte[] classFile = new byte[in.readInt()];
      in.readFully(classFile);
      classFiles.put(name, classFile);
    }
    return classFiles;
  }

  /**
   * The super class and interfaces a class file names (its constant pool, read as far as needed). The tag table
   * repeats {@code SignaturePrefilter.scanConstantPool}'s on purpose: that one is the per-class hot path; this one
   * runs at build time.
   */
  static List<String> supertypes(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
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
