package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetransformationFailuresTest {

  private static final Throwable REFUSED =
      new UnsupportedOperationException("class redefinition failed: attempted to change the schema (add/remove fields)");

  @Test
  void aRefusedBatchIsRetriedInHalvesUntilTheRefusedClassStandsAlone() {
    RetransformationFailures failures = new RetransformationFailures(new AdvisedClasses());
    List<Class<?>> batch = Arrays.<Class<?>>asList(String.class, Integer.class, Long.class, Short.class, Byte.class);
    List<List<Class<?>>> retried = new ArrayList<>();
    failures.onError(0, batch, REFUSED, batch).forEach(retried::add);
    assertThat(retried).containsExactly(Arrays.<Class<?>>asList(String.class, Integer.class),
        Arrays.<Class<?>>asList(Long.class, Short.class, Byte.class));
  }

  @Test
  void aRefusedClassAloneIsNoLongerCountedAsAdvised() {
    AdvisedClasses advised = new AdvisedClasses();
    advised.committed(String.class.getName(), new String[] {"executors"});
    advised.committed(Integer.class.getName(), new String[] {"executors"});
    RetransformationFailures failures = new RetransformationFailures(advised);
    List<Class<?>> alone = Arrays.<Class<?>>asList(String.class);
    assertThat(failures.onError(0, alone, REFUSED, alone)).isEmpty();
    assertThat(advised.snapshot().get("executors")).containsExactly(Integer.class.getName());
  }

  /** A class kept by the AOT training run is retried once with its kept bytes (which keep its shape), no more. */
  @Test
  void aRefusedClassWithKeptBytesIsRetriedOnceWithThem(@TempDir java.nio.file.Path dir) throws Exception {
    java.io.File file = dir.resolve("app.aot.lane-woven").toFile();
    WovenClasses written = WovenClasses.writingTo(file, "fp", new byte[0]);
    ClassLoader app = ClassLoader.getSystemClassLoader();
    written.record(app, "io/laneagent/agent/RetransformationFailuresTest", new byte[] {1}, new byte[] {2}, new String[0],
        new String[0]);
    WovenClassesUse woven = new WovenClassesUse(WovenClasses.readFrom(file, "fp"), new HelperInjector(null, false),
        new AdvisedClasses(), false);
    RetransformationFailures failures = new RetransformationFailures(new AdvisedClasses());
    failures.use(woven);
    List<Class<?>> kept = Arrays.<Class<?>>asList(RetransformationFailuresTest.class);
    List<List<Class<?>>> retried = new ArrayList<>();
    failures.onError(0, kept, REFUSED, kept).forEach(retried::add);
    assertThat(retried).containsExactly(kept);
    assertThat(failures.onError(0, kept, REFUSED, kept)).as("the retry refused too").isEmpty();
    List<Class<?>> notKept = Arrays.<Class<?>>asList(AdvisedClasses.class);
    assertThat(failures.onError(0, notKept, REFUSED, notKept)).isEmpty();
  }
}
