package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install pass of a run served by the woven-classes file, without Byte Buddy: what it hands the JVM to
 * retransform, and how it splits a batch the JVM refuses.
 */
class WovenInstallPassTest {

  /** Four classes loaded before the agent, each a subtype of a root the instrumentation names. */
  static class Woven extends PrefilteringTransformerTest.DeclaresStart {
    @Override
    void start(Runnable task) {}
  }

  static class LeftByByteBuddy extends PrefilteringTransformerTest.DeclaresStart {
    @Override
    void start(Runnable task) {}
  }

  static class Unknown extends PrefilteringTransformerTest.DeclaresStart {
    @Override
    void start(Runnable task) {}
  }

  static class NothingAdvised extends PrefilteringTransformerTest.DeclaresStart {}

  static class Unrelated {
    void start(Runnable task) {}
  }

  private static final Class<?>[] LOADED = {Woven.class, LeftByByteBuddy.class, Unknown.class, NothingAdvised.class,
      Unrelated.class, PrefilteringTransformerTest.DeclaresStart.class};

  @TempDir
  Path dir;

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private static String internal(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  /** The JVM: these classes loaded; each retransformation batch recorded, refused if it holds {@code refused}. */
  private static Instrumentation jvm(List<List<Class<?>>> batches, Class<?> refused) {
    return (Instrumentation) Proxy.newProxyInstance(WovenInstallPassTest.class.getClassLoader(),
        new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "getAllLoadedClasses":
              return LOADED.clone();
            case "isModifiableClass":
              return true;
            case "retransformClasses":
              List<Class<?>> batch = Arrays.asList((Class<?>[]) args[0]);
              batches.add(batch);
              if (batch.contains(refused)) {
                throw new UnmodifiableClassException("attempted to change the schema");
              }
              return null;
            default:
              throw new UnsupportedOperationException(method.getName());
          }
        });
  }

  private WovenClassesUse file() throws IOException {
    File file = dir.resolve("app.aot.lane-woven").toFile();
    WovenClasses training = WovenClasses.writingTo(file, "fp", new byte[0]);
    ClassLoader app = ClassLoader.getSystemClassLoader();
    training.record(app, internal(Woven.class), classFile(Woven.class), new byte[] {1}, new String[] {"x"}, new String[0]);
    training.record(app, internal(LeftByByteBuddy.class), classFile(LeftByByteBuddy.class), WovenClassesUse.UNCHANGED,
        new String[0], new String[0]);
    return new WovenClassesUse(WovenClasses.readFrom(file, "fp"), new HelperInjector(null, false), new AdvisedClasses(),
        true);
  }

  private static InstallPassDiscovery rootedAt(Class<?> root) {
    InstallPassDiscovery discovery = new InstallPassDiscovery();
    discovery.add(new TypeInstrumentation() {
      @Override
      public ElementMatcher<TypeDescription> typeMatcher() {
        return ElementMatchers.any();
      }

      @Override
      public ElementMatcher<ClassLoader> classLoaderMatcher() {
        return ElementMatchers.any();
      }

      @Override
      public void adviseMethods(AdviceTarget target) {}

      @Override
      public String[] installPassRoots() {
        return new String[] {root.getName()};
      }
    });
    return discovery;
  }

  private static SignaturePrefilter prefilter() {
    return new SignaturePrefilter(List.of(new SignaturePrefilter.Entry("start(Ljava/lang/Runnable;)V", null, null, 0)));
  }

  @Test
  void theFilesWovenClassesAndThoseItDoesNotKnowAreRetransformedTheOthersLeftAlone() throws Exception {
    List<List<Class<?>>> batches = new ArrayList<>();
    int handed = WovenInstallPass.run(jvm(batches, null), rootedAt(PrefilteringTransformerTest.DeclaresStart.class),
        file(), prefilter(), new RetransformationFailures(new AdvisedClasses()));

    // Woven: bytes in the file; Unknown and the root itself: the prefilter lets them through, the file has none
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).containsExactlyInAnyOrder(Woven.class, Unknown.class,
        PrefilteringTransformerTest.DeclaresStart.class);
    assertThat(handed).isEqualTo(3);
    // LeftByByteBuddy: the file says unchanged; NothingAdvised: the prefilter turns it away; Unrelated: no root
  }

  @Test
  void aBatchTheJvmRefusesIsSplitUntilTheRefusedClassStandsAlone() throws Exception {
    List<List<Class<?>>> batches = new ArrayList<>();
    WovenInstallPass.run(jvm(batches, Unknown.class), rootedAt(PrefilteringTransformerTest.DeclaresStart.class), file(),
        prefilter(), new RetransformationFailures(new AdvisedClasses()));

    assertThat(batches.get(0)).hasSize(3);
    assertThat(batches).as("the refused class ends alone, every other one retransformed in a batch without it")
        .contains(List.of(Unknown.class));
    List<Class<?>> retransformed = new ArrayList<>();
    for (List<Class<?>> batch : batches) {
      if (!batch.contains(Unknown.class)) {
        retransformed.addAll(batch);
      }
    }
    assertThat(retransformed).containsExactlyInAnyOrder(Woven.class, PrefilteringTransformerTest.DeclaresStart.class);
  }
}
