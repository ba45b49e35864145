package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;
import org.junit.jupiter.api.Test;

/** Both JVM entry points (with and without a module) prefilter and set the candidates for Byte Buddy. */
class PrefilteringTransformerTest {

  static class DeclaresStart {
    void start(Runnable task) {}
  }

  static class DeclaresNothingAdvised {}

  /** Stands in for Byte Buddy's transformer: records what the matchers would see. */
  static final class Recording extends ResettableClassFileTransformer.AbstractBase {
    int calls;
    boolean ownerThree;
    boolean ownerFive;
    Object module = "unset";

    /** What Byte Buddy "transforms" a class into. */
    byte[] result;
    /** What its listener hears, if anything (AdvisedClasses::ignored: it matched no type instrumentation). */
    Runnable listener;

    private byte[] record(Object module) {
      calls++;
      if (listener != null) {
        listener.run();
      }
      ownerThree = CandidateTypes.mayMatch(3);
      ownerFive = CandidateTypes.mayMatch(5);
      this.module = module;
      return result;
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
      return record(null);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
        byte[] bytes) {
      return record(module);
    }

    @Override
    public Iterator<AgentBuilder.Transformer> iterator(TypeDescription type, ClassLoader loader, JavaModule module,
        Class<?> redefined, ProtectionDomain domain) {
      return Collections.emptyIterator();
    }

    @Override
    public boolean reset(Instrumentation instrumentation, ResettableClassFileTransformer transformer,
        AgentBuilder.RedefinitionStrategy strategy, AgentBuilder.RedefinitionStrategy.DiscoveryStrategy discovery,
        AgentBuilder.RedefinitionStrategy.BatchAllocator allocator, AgentBuilder.RedefinitionStrategy.Listener listener) {
      return false;
    }
  }

  private static SignaturePrefilter prefilter() {
    return new SignaturePrefilter(List.of(
        new SignaturePrefilter.Entry("start(Ljava/lang/Runnable;)V", null, null, 3),
        new SignaturePrefilter.Entry("stop()V", null, null, 5)));
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  @Test
  void theModuleAwareEntryPointSetsTheCandidatesAndPassesTheModuleOn() throws Exception {
    Recording byteBuddy = new Recording();
    PrefilteringTransformer transformer = new PrefilteringTransformerForModules(byteBuddy, prefilter(), false, null, null);
    Module module = Object.class.getModule();

    transformer.transform(module, null, "x/DeclaresStart", null, null, classFile(DeclaresStart.class));
    assertThat(byteBuddy.calls).isEqualTo(1);
    assertThat(byteBuddy.module).isSameAs(module);
    assertThat(byteBuddy.ownerThree).isTrue();
    assertThat(byteBuddy.ownerFive).as("only the declaring type instrumentation matches").isFalse();
    assertThat(CandidateTypes.mayMatch(5)).as("restored after the call").isTrue();

    transformer.transform(module, null, "x/DeclaresNothingAdvised", null, null, classFile(DeclaresNothingAdvised.class));
    assertThat(byteBuddy.calls).as("skipped before Byte Buddy").isEqualTo(1);
  }

  @Test
  void classesNeverWovenAreTurnedAwayBeforeTheirBytesAreRead() throws Exception {
    Recording byteBuddy = new Recording();
    PrefilteringTransformer transformer = new PrefilteringTransformerForModules(byteBuddy, prefilter(), false, null, null);
    byte[] declaresStart = classFile(DeclaresStart.class);
    for (String ignored : List.of("io/laneagent/bootstrap/LaneContext", "io/laneagent/agent/JmxRegistration$1",
        "com/acme/Service$$Lambda$14", "jdk/internal/reflect/GeneratedMethodAccessor1")) {
      assertThat(transformer.transform(Object.class.getModule(), null, ignored, null, null, declaresStart)).as(ignored)
          .isNull();
    }
    assertThat(byteBuddy.calls).as("none reached Byte Buddy").isZero();
    transformer.transform(Object.class.getModule(), null, "io/laneagent/testapp/Probe", null, null, declaresStart);
    assertThat(byteBuddy.calls).as("the test apps' package is not ours to skip").isEqualTo(1);
  }

  @Test
  void aDryRunLetsByteBuddyTransformAndDropsTheResult() throws Exception {
    Recording byteBuddy = new Recording();
    byteBuddy.result = new byte[] {1, 2, 3};
    byte[] classFile = classFile(DeclaresStart.class);

    assertThat(new PrefilteringTransformerForModules(byteBuddy, prefilter(), false, null, null)
        .transform(Object.class.getModule(), null, "x/DeclaresStart", null, null, classFile)).isSameAs(byteBuddy.result);
    assertThat(new PrefilteringTransformerForModules(byteBuddy, prefilter(), true, null, null)
        .transform(Object.class.getModule(), null, "x/DeclaresStart", null, null, classFile))
        .as("a training run's dry install changes no class").isNull();
    assertThat(byteBuddy.calls).as("but Byte Buddy ran, so its classes are loaded").isEqualTo(2);
  }

  @Test
  void thePreJava9EntryPointDoesTheSame() throws Exception {
    Recording byteBuddy = new Recording();
    PrefilteringTransformer transformer = new PrefilteringTransformer(byteBuddy, prefilter(), false, null, null);

    transformer.transform(null, "x/DeclaresStart", null, null, classFile(DeclaresStart.class));
    assertThat(byteBuddy.calls).isEqualTo(1);
    assertThat(byteBuddy.module).isNull();
    assertThat(byteBuddy.ownerThree).isTrue();
    assertThat(byteBuddy.ownerFive).isFalse();

    transformer.transform(null, "x/DeclaresNothingAdvised", null, null, classFile(DeclaresNothingAdvised.class));
    assertThat(byteBuddy.calls).isEqualTo(1);
  }

  static class AlsoDeclaresStart {
    void start(Runnable task) {}

    void more() {}
  }

  @Test
  void aTrainingRunKeepsWhatByteBuddyWoveAndItsRunsTakeItInsteadOfWeaving(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    ClassLoader app = ClassLoader.getSystemClassLoader();
    byte[] classFile = classFile(DeclaresStart.class);
    java.io.File file = dir.resolve("app.aot.lane-woven").toFile();
    Recording training = new Recording();
    training.result = new byte[] {1, 2, 3};
    WovenClassesUse keep = new WovenClassesUse(WovenClasses.writingTo(file, "fp", new byte[0]),
        new HelperInjector(null, true), new AdvisedClasses(), true);
    assertThat(new PrefilteringTransformer(training, prefilter(), true, keep, null)
        .transform(app, "x/DeclaresStart", null, null, classFile)).as("the dry run changes nothing").isNull();
    try (java.net.URLClassLoader webApp = new java.net.URLClassLoader(new java.net.URL[0], app)) {
      new PrefilteringTransformer(training, prefilter(), true, keep, null)
          .transform(webApp, "x/InAWebApp", null, null, classFile);
    }

    Recording run = new Recording();
    run.result = new byte[] {9};
    WovenClassesUse replay = new WovenClassesUse(WovenClasses.readFrom(file, "fp"),
        new HelperInjector(null, false), new AdvisedClasses(), true);
    PrefilteringTransformer transformer = new PrefilteringTransformer(run, prefilter(), false, replay, null);
    assertThat(transformer.transform(app, "x/DeclaresStart", null, null, classFile)).containsExactly(1, 2, 3);
    assertThat(run.calls).as("Byte Buddy not asked").isZero();

    assertThat(transformer.transform(app, "x/DeclaresStart", null, null, classFile(AlsoDeclaresStart.class)))
        .as("other bytes under the name: woven afresh").containsExactly(9);
    try (java.net.URLClassLoader webApp = new java.net.URLClassLoader(new java.net.URL[0], app)) {
      assertThat(transformer.transform(webApp, "x/InAWebApp", null, null, classFile)).as("a web app's class: woven afresh")
          .containsExactly(9);
    }
    assertThat(run.calls).isEqualTo(2);
  }

  /**
   * A class the run retransforms (the JVM hands over bytes reconstituted from the loaded class, or what another
   * agent's transformer before ours made of them) takes the kept bytes for the class file its loader has — but
   * only when no other agent's transformer runs before ours: the kept bytes would drop what it changed.
   */
  @Test
  void aRetransformedClassTakesItsKeptBytesOnlyWhenOurTransformerRunsFirst(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    ClassLoader app = ClassLoader.getSystemClassLoader();
    Class<?> starts = io.laneagent.fixtures.StartsTasks.class;
    assertThat(starts.getClassLoader()).as("a class of the application loader").isSameAs(app);
    String name = starts.getName().replace('.', '/');
    java.io.File file = dir.resolve("app.aot.lane-woven").toFile();
    Recording training = new Recording();
    training.result = new byte[] {4, 5};
    WovenClassesUse keep = new WovenClassesUse(WovenClasses.writingTo(file, "fp", new byte[0]),
        new HelperInjector(null, true), new AdvisedClasses(), true);
    new PrefilteringTransformer(training, prefilter(), true, keep, null)
        .transform(app, name, starts, null, classFile(starts)); // as keepLoaded does

    byte[] handedOver = classFile(AlsoDeclaresStart.class); // not the class file: reconstituted, or changed
    for (boolean firstTransformer : new boolean[] {true, false}) {
      Recording run = new Recording();
      run.result = new byte[] {9};
      WovenClassesUse replay = new WovenClassesUse(WovenClasses.readFrom(file, "fp"),
          new HelperInjector(null, false), new AdvisedClasses(), firstTransformer);
      PrefilteringTransformer transformer = new PrefilteringTransformer(run, prefilter(), false, replay, null);
      assertThat(transformer.transform(app, name, starts, null, handedOver))
          .as("retransformed, our transformer first: %s", firstTransformer)
          .containsExactly(firstTransformer ? new byte[] {4, 5} : new byte[] {9});
      assertThat(transformer.transform(app, name, null, null, classFile(starts)))
          .as("loaded with the kept class file, either way").containsExactly(4, 5);
    }
  }

  /**
   * A training run keeps a class Byte Buddy looked at and matched no type instrumentation to as "stays as it is" —
   * not one it skipped without a word (loaded while it wove another), which a run must weave itself. A run installed
   * without Byte Buddy then needs none for the first, and has it set up for the second.
   */
  @Test
  void aRunWithoutByteBuddySetsItUpOnlyForAClassTheTrainingRunDidNotSettle(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    ClassLoader app = ClassLoader.getSystemClassLoader();
    java.io.File file = dir.resolve("app.aot.lane-woven").toFile();
    AdvisedClasses trainingAdvised = new AdvisedClasses();
    trainingAdvised.keepLastCommitted();
    WovenClassesUse keep = new WovenClassesUse(WovenClasses.writingTo(file, "fp", new byte[0]),
        new HelperInjector(null, true), trainingAdvised, true);
    Recording training = new Recording();
    training.listener = trainingAdvised::ignored;
    new PrefilteringTransformer(training, prefilter(), true, keep, null)
        .transform(app, "x/DeclaresStart", null, null, classFile(DeclaresStart.class));
    training.listener = null; // skipped: no word from Byte Buddy
    new PrefilteringTransformer(training, prefilter(), true, keep, null)
        .transform(app, "x/AlsoDeclaresStart", null, null, classFile(AlsoDeclaresStart.class));
    assertThat(training.calls).isEqualTo(2);

    Recording run = new Recording();
    run.result = new byte[] {9};
    DeferredByteBuddy deferred = new DeferredByteBuddy(() -> run);
    WovenClassesUse replay = new WovenClassesUse(WovenClasses.readFrom(file, "fp"),
        new HelperInjector(null, false), new AdvisedClasses(), true);
    PrefilteringTransformer transformer = PrefilteringTransformer.deferring(deferred, prefilter(), replay, null);
    assertThat(transformer.transform(app, "x/DeclaresStart", null, null, classFile(DeclaresStart.class))).isNull();
    assertThat(transformer.transform(app, "x/DeclaresNothingAdvised", null, null, classFile(DeclaresNothingAdvised.class)))
        .isNull();
    assertThat(deferred.isSetUp()).as("nothing needed Byte Buddy yet").isFalse();

    assertThat(transformer.transform(app, "x/AlsoDeclaresStart", null, null, classFile(AlsoDeclaresStart.class)))
        .containsExactly(9);
    assertThat(deferred.isSetUp()).isTrue();
    assertThat(transformer.transform(Object.class.getModule(), app, "x/AlsoDeclaresStart", null, null,
        classFile(AlsoDeclaresStart.class))).as("the module-aware entry point too").containsExactly(9);
    assertThat(run.module).isSameAs(Object.class.getModule());
  }

  /** What a run's install pass without Byte Buddy makes of a class loaded before the agent (see WovenInstallPass). */
  @Test
  void aClassLoadedBeforeTheAgentIsWovenLeftOrUnknownAsTheFileAndThePrefilterSay(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    ClassLoader app = ClassLoader.getSystemClassLoader();
    java.io.File file = dir.resolve("app.aot.lane-woven").toFile();
    WovenClasses training = WovenClasses.writingTo(file, "fp", new byte[0]);
    training.record(app, DeclaresStart.class.getName().replace('.', '/'), classFile(DeclaresStart.class),
        new byte[] {4, 5}, new String[] {"executors"}, new String[0]);
    training.record(app, AlsoDeclaresStart.class.getName().replace('.', '/'), classFile(AlsoDeclaresStart.class),
        WovenClassesUse.UNCHANGED, new String[0], new String[0]);
    WovenClassesUse use = new WovenClassesUse(WovenClasses.readFrom(file, "fp"), new HelperInjector(null, false),
        new AdvisedClasses(), true);

    assertThat(use.forLoaded(DeclaresStart.class, prefilter())).isEqualTo(WovenClassesUse.Loaded.WOVEN);
    assertThat(use.forLoaded(AlsoDeclaresStart.class, prefilter())).isEqualTo(WovenClassesUse.Loaded.UNCHANGED);
    assertThat(use.forLoaded(DeclaresNothingAdvised.class, prefilter())).as("not in the file, the prefilter turns it away")
        .isEqualTo(WovenClassesUse.Loaded.UNCHANGED);
    assertThat(use.forLoaded(StartsToo.class, prefilter())).as("not in the file, may be advised")
        .isEqualTo(WovenClassesUse.Loaded.UNKNOWN);
  }

  static class StartsToo {
    void start(Runnable task) {}
  }
}
