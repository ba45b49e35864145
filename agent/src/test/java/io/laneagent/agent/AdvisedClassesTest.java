package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AdvisedClassesTest {

  @Test
  void aCommittedClassCountsForEachInstrumentationPendingForIt() {
    AdvisedClasses advised = new AdvisedClasses();
    advised.pending("servlet");
    advised.pending("logback");
    advised.pending("servlet");
    advised.committed("a.B");
    assertThat(advised.snapshot()).containsOnlyKeys("servlet", "logback");
    assertThat(advised.snapshot().get("servlet")).containsExactly("a.B");
  }

  @Test
  void whatWasPendingForADiscardedClassDoesNotCountForTheNextOne() {
    AdvisedClasses advised = new AdvisedClasses();
    advised.pending("servlet");
    advised.discarded();
    advised.pending("feign");
    advised.committed("a.C");
    assertThat(advised.snapshot()).containsOnlyKeys("feign");
  }

  @Test
  void theLastCommittedInstrumentationsAreKeptOnlyForATrainingRunThatTakesThem() {
    // a run keeps nothing on the thread after a class (no ThreadLocalMap entry left on the application's threads)
    AdvisedClasses run = new AdvisedClasses();
    run.pending("servlet");
    run.committed("a.B");
    assertThat(run.takeLastCommitted()).isEmpty();

    AdvisedClasses training = new AdvisedClasses();
    training.keepLastCommitted();
    training.pending("servlet");
    training.committed("a.B");
    assertThat(Arrays.asList(training.takeLastCommitted())).containsExactly("servlet");
    assertThat(training.takeLastCommitted()).isEmpty();
  }
}
