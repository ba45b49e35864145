package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The jar users attach, as built: every class under our own package (Byte Buddy and
 * opentelemetry-context relocated), the agent manifest, and class files that load on Java 8.
 */
class AgentJarContentIT {

  private static final String ROOT = "io/laneagent/";
  /** Advice for java.net.http, compiled for Java 11; never loaded, only read, and only on Java 11+. */
  private static final String JAVA11_ADVICE = "io/laneagent/instrumentation/http/jdkhttpclient/HttpClientSendAdvice.class";
  /** The module-aware transformer, compiled for Java 9; created only on Java 9+. */
  private static final String JAVA9_TRANSFORMER = "io/laneagent/agent/PrefilteringTransformerForModules.class";
  /** Opens java.lang to the agent for helper injection, compiled for Java 9; called only on Java 9+. */
  private static final String JAVA9_OPENER = "io/laneagent/agent/JavaLangOpener.class";
  /** Byte Buddy's module-aware transformer, compiled ahead of time for Java 9; created only on Java 9+. */
  private static final String JAVA9_EXECUTING_TRANSFORMER =
      "io/laneagent/shaded/net/bytebuddy/agent/builder/ModuleAwareExecutingTransformer.class";
  /** Its factory, which calls its constructor without reflection (see PrecompiledCreationAction). */
  private static final String JAVA9_EXECUTING_TRANSFORMER_FACTORY =
      "io/laneagent/shaded/net/bytebuddy/agent/builder/ModuleAwareExecutingTransformerFactory.class";
  /**
   * The core's definer in the boot loader, the training-run check and the installer's class loader, compiled for
   * Java 9; used only on Java 9+.
   */
  private static final List<String> JAVA9_START = List.of("io/laneagent/agent/BootLoaderDefiner.class",
      "io/laneagent/agent/TrainingRun.class",
      "io/laneagent/agent/InstallerLoader.class",
      // reached only on Java 9+ (ClassPathPreweave checks JavaModules.SUPPORTED first)
      "io/laneagent/agent/RuntimeImagePreweave.class");
  /** Byte Buddy's class we replace with PrecompiledCreationAction. */
  private static final String CREATION_ACTION =
      "io/laneagent/shaded/net/bytebuddy/agent/builder/AgentBuilder$Default$ExecutingTransformer$Factory$CreationAction.class";
  /** A helper class, defined in the application's loader: stored so that the bootstrap loader cannot find it. */
  private static final String REACTOR_HELPER = "io/laneagent/instrumentation/reactor/helpers/LaneSubscriber";

  private static JarFile jar() throws IOException {
    Path path = Paths.get(System.getProperty("lane.agent.jar", "target/lane-agent.jar"));
    return new JarFile(path.toFile());
  }

  @Test
  void everyClassLivesUnderOurPackage() throws IOException {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = jar()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (entry.isDirectory() || name.startsWith("META-INF/")) {
          continue;
        }
        if (!name.startsWith(ROOT)) {
          outside.add(name);
        }
      }
      assertThat(jar.getEntry("io/laneagent/shaded/net/bytebuddy/agent/builder/AgentBuilder.class")).isNotNull();
      assertThat(jar.getEntry("io/laneagent/shaded/io/opentelemetry/context/Context.class")).isNotNull();
    }
    assertThat(outside).as("entries outside %s", ROOT).isEmpty();
  }

  @Test
  void noUnrelocatedClassesHideUnderMetaInf() throws IOException {
    try (JarFile jar = jar()) {
      List<String> classes = new ArrayList<>();
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (entry.getName().startsWith("META-INF/") && entry.getName().endsWith(".class")) {
          classes.add(entry.getName());
        }
      }
      assertThat(classes).isEmpty();
    }
  }

  @Test
  void manifestDeclaresTheAgent() throws IOException {
    try (JarFile jar = jar()) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class")).isEqualTo("io.laneagent.agent.LaneAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("io.laneagent.agent.LaneAgent");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(main.getValue("Implementation-Version")).isNotBlank();
      assertThat(jar.getEntry("META-INF/services/io.laneagent.instrumentation.api.LaneInstrumentation")).isNotNull();
    }
  }

  @Test
  void classFilesLoadOnJava8() throws IOException {
    List<String> tooNew = new ArrayList<>();
    try (JarFile jar = jar()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        boolean classFile = entry.getName().endsWith(".class") || entry.getName().endsWith(".classdata");
        if (!classFile || entry.getName().equals(JAVA11_ADVICE) || entry.getName().equals(JAVA9_TRANSFORMER)
            || entry.getName().equals(JAVA9_OPENER) || entry.getName().equals(JAVA9_EXECUTING_TRANSFORMER)
            || entry.getName().equals(JAVA9_EXECUTING_TRANSFORMER_FACTORY)
            || JAVA9_START.contains(entry.getName())) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          DataInputStream data = new DataInputStream(in);
          data.readInt(); // magic
          data.readUnsignedShort(); // minor
          int major = data.readUnsignedShort();
          if (major > 52) {
            tooNew.add(entry.getName() + " (" + major + ")");
          }
        }
      }
      assertThat(jar.getEntry(JAVA11_ADVICE)).isNotNull();
      assertThat(jar.getEntry(JAVA9_OPENER)).isNotNull();
      JAVA9_START.forEach(name -> assertThat(jar.getEntry(name)).as(name).isNotNull());
    }
    assertThat(tooNew).isEmpty();
  }

  @Test
  void byteBuddysCreationActionIsOursAndGeneratesNothing() throws IOException {
    try (JarFile jar = jar()) {
      assertThat(jar.getEntry(JAVA9_EXECUTING_TRANSFORMER)).isNotNull();
      assertThat(jar.getEntry(JAVA9_EXECUTING_TRANSFORMER_FACTORY)).isNotNull();
      assertThat(jar.getEntry("io/laneagent/shaded/net/bytebuddy/agent/builder/PrecompiledCreationAction.class")).isNull();
      String constants;
      try (InputStream in = jar.getInputStream(jar.getEntry(CREATION_ACTION))) {
        constants = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      }
      // ours names the precompiled subclass; Byte Buddy's names the one it would generate
      assertThat(constants).contains("io.laneagent.shaded.net.bytebuddy.agent.builder.ModuleAwareExecutingTransformer");
      assertThat(constants).doesNotContain("$ByteBuddy$ModuleSupport");
    }
  }

  @Test
  void helperClassesAreInvisibleToTheBootstrapLoader() throws IOException {
    try (JarFile jar = jar()) {
      assertThat(jar.getEntry(REACTOR_HELPER + ".classdata")).isNotNull();
      assertThat(jar.getEntry(REACTOR_HELPER + ".class")).isNull();
      List<String> helperClassFiles = new ArrayList<>();
      for (JarEntry entry : Collections.list(jar.entries())) {
        if (entry.getName().contains("/helpers/") && entry.getName().endsWith(".class")) {
          helperClassFiles.add(entry.getName());
        }
      }
      assertThat(helperClassFiles).isEmpty();
    }
  }

  /**
   * The core bundle premain defines in the boot loader (CoreBundle) is every class of the core as the jar has it,
   * each after its super class and interfaces: a class left out could not be loaded by the boot loader at all, and
   * one defined before its super type would fail.
   */
  @Test
  void theCoreBundleHoldsEveryCoreClassOfTheJarInDefinitionOrder() throws IOException {
    java.util.Map<String, byte[]> inJar = new java.util.TreeMap<>();
    java.util.Map<String, byte[]> bundled;
    try (JarFile jar = jar()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (name.endsWith(".class") && CoreBundle.isCore(name)) {
          try (InputStream in = jar.getInputStream(entry)) {
            inJar.put(name.substring(0, name.length() - ".class".length()), in.readAllBytes());
          }
        }
      }
      JarEntry bundle = jar.getJarEntry(CoreBundle.RESOURCE);
      assertThat(bundle).as(CoreBundle.RESOURCE).isNotNull();
      try (InputStream in = jar.getInputStream(bundle)) {
        bundled = CoreBundle.read(in);
      }
    }
    assertThat(inJar).as("the core's classes in the jar").containsKeys("io/laneagent/bootstrap/LaneContext",
        "io/laneagent/shaded/io/opentelemetry/context/Context");
    assertThat(bundled.keySet()).containsExactlyInAnyOrderElementsOf(inJar.keySet());
    List<String> defined = new ArrayList<>();
    for (java.util.Map.Entry<String, byte[]> classFile : bundled.entrySet()) {
      assertThat(classFile.getValue()).as(classFile.getKey()).isEqualTo(inJar.get(classFile.getKey()));
      for (String supertype : CoreBundle.supertypes(classFile.getValue())) {
        if (inJar.containsKey(supertype)) {
          assertThat(defined).as("defined before " + classFile.getKey()).contains(supertype);
        }
      }
      defined.add(classFile.getKey());
    }
  }

  /**
   * Advice is inlined into library and JDK classes, and on Java 9+ only the core (bootstrap, relocated
   * opentelemetry-context) is defined in the boot loader (BootLoaderDefiner): an advice class naming any
   * other class of ours would link in an application's class loader but fail inside a JDK class. So every
   * {@code io.laneagent} class an advice names is in the core or a helper ({@code .classdata}, defined next
   * to the library).
   */
  @Test
  void adviceNamesOnlyTheCoreOrHelpers() throws IOException {
    List<String> outside = new ArrayList<>();
    try (JarFile jar = jar()) {
      for (JarEntry entry : Collections.list(jar.entries())) {
        String name = entry.getName();
        if (!name.startsWith("io/laneagent/instrumentation/") || !name.endsWith("Advice.class")) {
          continue;
        }
        try (InputStream in = jar.getInputStream(entry)) {
          for (String referenced : classNames(in.readAllBytes())) {
            boolean ours = referenced.startsWith(ROOT);
            boolean core = referenced.startsWith("io/laneagent/bootstrap/")
                || referenced.startsWith("io/laneagent/shaded/io/opentelemetry/");
            boolean helper = jar.getEntry(referenced + ".classdata") != null;
            boolean itself = (referenced + ".class").equals(name);
            // Byte Buddy's advice annotations and their value types (Assigner.Typing): read when the advice
            // is woven, not part of the inlined code
            boolean annotation = referenced.startsWith("io/laneagent/shaded/net/bytebuddy/asm/Advice")
                || referenced.startsWith("io/laneagent/shaded/net/bytebuddy/implementation/bytecode/assign/Assigner");
            if (ours && !core && !helper && !itself && !annotation) {
              outside.add(name + " -> " + referenced);
            }
          }
        }
      }
    }
    assertThat(outside).isEmpty();
  }

  /** The class names in a class file's constant pool (its CONSTANT_Class entries). */
  private static List<String> classNames(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
    in.readInt();
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classIndexes = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classIndexes.add(in.readUnsignedShort());
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> names = new ArrayList<>();
    for (int index : classIndexes) {
      names.add(utf8[index]);
    }
    return names;
  }
}
