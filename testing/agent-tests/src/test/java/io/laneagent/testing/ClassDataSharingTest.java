package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class data sharing with the agent (issue #19): an AppCDS archive (JDK 17, Spring Boot's recipe) and a
 * JDK 25 AOT cache, each trained and then used, on the Tomcat 11 test app. Proven: the training run with
 * the agent attached ends normally and writes the archive (the JDK 25 dump crashed when the agent
 * retransformed {@code java.lang.Thread}); runs with the archive and the agent take the application's classes
 * from it — and, from the AOT cache, the agent's own installer and Byte Buddy — and lanes still propagate.
 * The JVM says where each class came from ({@code -Xlog:class+load}: "source: shared objects file"). The
 * classes the AOT training run wove are kept beside the cache and used by its runs instead of weaving again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassDataSharingTest {

  private static final TestApp APP = TestApp.TOMCAT_11_JAKARTA;
  private static final Duration EXIT = Duration.ofSeconds(120); // an AOT training run assembles the cache at exit
  private static final String SHARED = "source: shared objects file";
  /** Classes of the application (Tomcat) and of the agent (its installer, a class of our Byte Buddy a run loads
   * without setting Byte Buddy up) to look up. */
  private static final String APP_CLASS = "org.apache.catalina.core.StandardContext ";
  private static final String INSTALLER = "io.laneagent.agent.AgentInstaller ";
  private static final String BYTE_BUDDY =
      "io.laneagent.shaded.net.bytebuddy.agent.builder.ResettableClassFileTransformer$WithDelegation ";

  private static final String INSTRUMENTED = "[lane-agent] DEBUG instrumented ";
  private static final String WITHOUT_BYTE_BUDDY = "loaded classes without Byte Buddy";
  private static final String BYTE_BUDDY_SET_UP = "[lane-agent] DEBUG Byte Buddy set up in ";

  private Downstream downstream;

  @BeforeAll
  void start() throws Exception {
    downstream = new Downstream();
  }

  @AfterAll
  void stop() throws Exception {
    downstream.close();
  }

  @Test
  void anAotCacheTrainedWithTheAgentServesTheAppAndTheAgent(@TempDir Path dir) {
    Path cache = dir.resolve("app.aot");
    AppJvm training = AppJvm.ofPackaged(APP).javaHome(AppJvm.jdk25()).jvmArg("-XX:AOTCacheOutput=" + cache).start();
    assertTrainingRunChangesNothing(training);
    assertThat(training.exit(EXIT)).as("the training run's exit code:\n%s", training.output()).isZero();
    assertThat(training.output()).contains("lane-agent loads its classes and transforms nothing", "(dry run: transforms nothing)")
        .doesNotContain("hs_err", "[error]");
    assertThat(cache).as("the AOT cache").isNotEmptyFile();
    assertThat(training.output()).contains("the classes this training run weaves go to " + cache + ".lane-woven");
    assertThat(Path.of(cache + ".lane-woven")).as("the woven classes beside the cache").isNotEmptyFile();

    try (AppJvm run = AppJvm.ofPackaged(APP).javaHome(AppJvm.jdk25()).jvmArg("-XX:AOTCache=" + cache)
        .jvmArg("-Xlog:class+load=info").env("LANE_LOCAL", "prod").env("LANE_DEBUG", "true").start()) {
      assertPropagates(run);
      assertThat(run.output()).doesNotContain("[error]");
      assertThat(loaded(run, APP_CLASS)).contains(SHARED);
      assertThat(loaded(run, INSTALLER)).as("the agent's installer").contains(SHARED);
      assertThat(loaded(run, BYTE_BUDDY)).as("the agent's Byte Buddy").contains(SHARED);
      // The classes the JVM loaded from the cache before premain are retransformed with the training run's woven
      // bytes, Byte Buddy weaves none of them; ForkJoinPool loads while Thread is retransformed (a second pass).
      assertThat(run.output()).contains(INSTRUMENTED + "java.lang.Thread (woven ahead)",
              INSTRUMENTED + "java.util.concurrent.ForkJoinPool (woven ahead)",
              INSTRUMENTED + "jakarta.servlet.http.HttpServlet (woven ahead)")
          .doesNotContain("(retransformed)");
      // ... and the run installs without Byte Buddy: every class it advises is one the training run wove (its
      // probes loaded the clients' classes too), so Byte Buddy is never set up.
      assertThat(run.output()).contains(WITHOUT_BYTE_BUDDY).doesNotContain(BYTE_BUDDY_SET_UP);
      assertDescribedByTheFile(run, cache + ".lane-woven");
    }

    // Another configuration weaves otherwise (lane.kafka.isolation adds advice): the file is not used, and says so.
    try (AppJvm other = AppJvm.ofPackaged(APP).javaHome(AppJvm.jdk25()).jvmArg("-XX:AOTCache=" + cache)
        .systemProperty("lane.kafka.isolation", "true").env("LANE_LOCAL", "prod").env("LANE_DEBUG", "true").start()) {
      assertPropagates(other);
      assertThat(other.output()).contains("not using " + cache + ".lane-woven (written by another agent build, configuration",
              INSTRUMENTED + "java.lang.Thread (retransformed)",
              INSTRUMENTED + "java.util.concurrent.ForkJoinPool (retransformed)")
          .doesNotContain("(woven ahead)");
    }

    // Another agent's transformer before ours (TTL's): for a class being retransformed the JVM hands ours what that
    // transformer made of it, which kept bytes would drop, so Byte Buddy weaves those classes on top of it. TTL adds
    // a field to ForkJoinTask, which the JVM refuses in a retransformation ("attempted to change the schema"), and so
    // the whole batch of the classes retransformed at premain: the batch is split until ForkJoinTask stands alone, which then takes its kept bytes (without TTL's
    // field, which it could not have anyway).
    try (AppJvm afterTtl = OtherAgents.withTtl(AppJvm.ofPackaged(APP).javaHome(AppJvm.jdk25())
        .jvmArg("-XX:AOTCache=" + cache).env("LANE_LOCAL", "prod").env("LANE_DEBUG", "true"), true).start()) {
      assertPropagates(afterTtl);
      assertThat(afterTtl.output()).contains("woven classes: ",
              INSTRUMENTED + "java.lang.Thread (retransformed)",
              INSTRUMENTED + "java.util.concurrent.ForkJoinPool (retransformed)",
              INSTRUMENTED + "jakarta.servlet.http.HttpServlet (retransformed)",
              INSTRUMENTED + "java.util.concurrent.ForkJoinTask (woven ahead)")
          .doesNotContain("could not retransform", "[lane-agent] WARN");
    }
  }

  /**
   * The training run weaves ahead what the class path and the JDK hold, so a run needs Byte Buddy only for a class
   * no training can have kept: one defined by a class loader of the application's own (only the JVM's loaders'
   * classes are kept). Byte Buddy is set up when it comes and weaves it; the lane reaches the next hop.
   */
  @Test
  void aClassNoTrainingRunCouldKeepIsWovenByByteBuddySetUpWhenItComes(@TempDir Path dir) {
    Path cache = dir.resolve("app.aot");
    AppJvm training = AppJvm.ofPackaged(APP).javaHome(AppJvm.jdk25()).jvmArg("-XX:AOTCacheOutput=" + cache).start();
    assertThat(training.exit(EXIT)).as("the training run's exit code:\n%s", training.output()).isZero();
    assertThat(training.output()).containsPattern("wove ahead [1-9][0-9]* classes of the class path and the JDK");

    try (AppJvm run = AppJvm.ofPackaged(APP).javaHome(AppJvm.jdk25()).jvmArg("-XX:AOTCache=" + cache)
        .env("LANE_LOCAL", "prod").env("LANE_DEBUG", "true").start()) {
      // the clients' classes, which the training run never loaded (it served no request), come from the file
      assertPropagates(run);
      assertThat(run.output()).contains(WITHOUT_BYTE_BUDDY, INSTRUMENTED + "sun.net.www.protocol.http.HttpURLConnection "
          + "(woven ahead)").doesNotContain(BYTE_BUDDY_SET_UP);

      String id = newId();
      run.get(probe(downstream, Probes.URL_CONNECTION, id, "via=own-loader-thread"), laneHeader("gray"));
      assertThat(downstream.await(id).values("env")).as("a call from a thread class of a loader of the app's own")
          .containsExactly("gray");
      assertThat(run.output()).contains(BYTE_BUDDY_SET_UP, "first needed by io.laneagent.testapp.OwnLoaderThread",
          INSTRUMENTED + "io.laneagent.testapp.OwnLoaderThread\n");
    }
  }

  /**
   * The run read what premain needs of the instrumentations from the file: none of them was loaded (every one
   * implements LaneInstrumentation), and none is unless Byte Buddy is set up.
   */
  private static void assertDescribedByTheFile(AppJvm run, String file) {
    assertThat(run.output()).contains("instrumentations described by " + file)
        .doesNotContain("io.laneagent.instrumentation.api.LaneInstrumentation source:");
  }

  @Test
  void withoutTheAgentInTheTrainingRunTheAotCacheIsRefusedWithTheReasonAndLanesStillWork(@TempDir Path dir) {
    // The agent adds java.instrument to the module graph; the JVM checks it (docs/architecture.md).
    Path cache = dir.resolve("app.aot");
    AppJvm training = AppJvm.ofPackaged(APP).withoutAgent().javaHome(AppJvm.jdk25()).jvmArg("-XX:AOTCacheOutput=" + cache).start();
    assertThat(training.exit(EXIT)).isZero();
    try (AppJvm run = AppJvm.ofPackaged(APP).javaHome(AppJvm.jdk25()).jvmArg("-XX:AOTCache=" + cache).env("LANE_LOCAL", "prod")
        .start()) {
      assertPropagates(run);
      assertThat(run.output()).contains("Mismatched values for property jdk.module.addmods");
    }
  }

  @Test
  void anAppCdsArchiveServesTheAppWithTheAgentAndATrainingRunWithTheAgentStepsAside(@TempDir Path dir) {
    Path archive = dir.resolve("app.jsa");
    AppJvm training = AppJvm.ofPackaged(APP).withoutAgent().jvmArg("-XX:ArchiveClassesAtExit=" + archive).start();
    assertThat(training.exit(EXIT)).isZero();
    assertThat(archive).isNotEmptyFile();

    try (AppJvm run = AppJvm.ofPackaged(APP).jvmArg("-XX:SharedArchiveFile=" + archive).jvmArg("-Xlog:class+load=info")
        .env("LANE_LOCAL", "prod").start()) {
      assertPropagates(run);
      assertThat(run.output()).doesNotContain("Sharing is only supported for boot loader classes");
      assertThat(loaded(run, APP_CLASS)).as("the application's classes from the archive").contains(SHARED);
    }

    // lane.weave-ahead: a JVM with the runs' class path, JDK and configuration writes the classes the agent would
    // weave beside the archive and exits without running the application; the runs take them from there and need
    // no Byte Buddy (the 1.10 start-up target with AppCDS, docs/performance.md)
    Path woven = Path.of(archive + ".lane-woven");
    AppJvm ahead = AppJvm.ofPackaged(APP).systemProperty("lane.weave-ahead", woven.toString()).startToExit();
    assertThat(ahead.exit(EXIT)).as("weaving ahead:\n%s", ahead.output()).isZero();
    assertThat(ahead.output()).contains("wove ahead into " + woven + " in ", "exits without running the application")
        .containsPattern("wove ahead [1-9][0-9]* classes of the class path and the JDK").doesNotContain("READY");
    assertThat(woven).isNotEmptyFile();
    // a file it cannot write: exit status 1 with the reason, and still no application
    Path unwritable = dir.resolve("no-such-directory").resolve("app.jsa.lane-woven");
    AppJvm failing = AppJvm.ofPackaged(APP).systemProperty("lane.weave-ahead", unwritable.toString()).startToExit();
    assertThat(failing.exit(EXIT)).as("weaving ahead into %s:\n%s", unwritable, failing.output()).isEqualTo(1);
    assertThat(failing.output()).contains("could not weave ahead into " + unwritable).doesNotContain("READY");
    try (AppJvm run = AppJvm.ofPackaged(APP).jvmArg("-XX:SharedArchiveFile=" + archive).jvmArg("-Xlog:class+load=info")
        .env("LANE_LOCAL", "prod").env("LANE_DEBUG", "true").start()) {
      assertPropagates(run);
      assertThat(loaded(run, APP_CLASS)).as("the application's classes from the archive").contains(SHARED);
      assertThat(run.output()).contains(WITHOUT_BYTE_BUDDY, INSTRUMENTED + "java.lang.Thread (woven ahead)",
          INSTRUMENTED + "jakarta.servlet.http.HttpServlet (woven ahead)",
          INSTRUMENTED + "sun.net.www.protocol.http.HttpURLConnection (woven ahead)").doesNotContain(BYTE_BUDDY_SET_UP);
      assertDescribedByTheFile(run, woven.toString());
    }
    // another configuration (lane.kafka.isolation adds advice) weaves otherwise: the file is not used, and says so
    try (AppJvm other = AppJvm.ofPackaged(APP).jvmArg("-XX:SharedArchiveFile=" + archive)
        .systemProperty("lane.kafka.isolation", "true").env("LANE_LOCAL", "prod").env("LANE_DEBUG", "true").start()) {
      assertPropagates(other);
      assertThat(other.output()).contains("not using " + woven + " (written by another agent build, configuration",
          INSTRUMENTED + "java.lang.Thread (retransformed)").doesNotContain("(woven ahead)");
    }

    Path withAgent = dir.resolve("app-agent.jsa");
    AppJvm agentTraining = AppJvm.ofPackaged(APP).jvmArg("-XX:+UnlockDiagnosticVMOptions").jvmArg("-XX:+AllowArchivingWithJavaAgent")
        .jvmArg("-XX:ArchiveClassesAtExit=" + withAgent).start();
    assertThat(agentTraining.exit(EXIT)).isZero();
    assertThat(agentTraining.output()).contains("steps aside and transforms nothing").doesNotContain("hs_err");
    assertThat(withAgent).isNotEmptyFile();
    // such an archive serves only runs with the same flags: the JVM refuses it otherwise, and says nothing
    try (AppJvm run = AppJvm.ofPackaged(APP).jvmArg("-XX:+UnlockDiagnosticVMOptions").jvmArg("-XX:+AllowArchivingWithJavaAgent")
        .jvmArg("-XX:SharedArchiveFile=" + withAgent).jvmArg("-Xlog:class+load=info").env("LANE_LOCAL", "prod").start()) {
      assertPropagates(run);
      assertThat(loaded(run, APP_CLASS)).as("the application's classes from the archive").contains(SHARED);
    }
  }

  /**
   * Requests in lane gray through the JDK's clients while the app trains its cache: the dry run changes no
   * class, so the next hop gets no lane (the training app has no own lane either).
   */
  private void assertTrainingRunChangesNothing(AppJvm app) {
    for (String client : Probes.CLIENTS) {
      String id = newId();
      app.get(probe(downstream, client, id), laneHeader("gray"));
      assertThat(downstream.await(id).values("env")).as("%s in the training run", client).isEmpty();
    }
  }

  private void assertPropagates(AppJvm app) {
    Probes.assertLanesPropagate(app, downstream, "prod");
  }

  /** The JVM's class+load line of {@code classNameAndSpace}, or "" if it did not load the class. */
  private static String loaded(AppJvm app, String classNameAndSpace) {
    List<String> lines = app.output().lines().filter(line -> line.contains("[class,load] " + classNameAndSpace))
        .collect(Collectors.toList());
    return String.join("\n", lines);
  }
}
