package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import org.junit.jupiter.api.Test;

/** Byte Buddy set up when a class first needs it: once, for every thread, never for our own classes. */
class DeferredByteBuddyTest {

  private final AtomicInteger setUps = new AtomicInteger();
  private final PrefilteringTransformerTest.Recording byteBuddy = new PrefilteringTransformerTest.Recording();

  @Test
  void theFirstClassThatNeedsItSetsItUpOnceAndEveryLaterOneGetsTheSame() {
    DeferredByteBuddy deferred = new DeferredByteBuddy(() -> {
      setUps.incrementAndGet();
      return byteBuddy;
    });
    assertThat(deferred.isSetUp()).isFalse();

    assertThat(deferred.transformer("org/example/Client")).isSameAs(byteBuddy);
    assertThat(deferred.transformer("org/example/Other")).isSameAs(byteBuddy);
    assertThat(deferred.isSetUp()).isTrue();
    assertThat(setUps).hasValue(1);
  }

  @Test
  void ourOwnClassesAndNamelessOnesAreNoReasonToSetItUp() {
    DeferredByteBuddy deferred = new DeferredByteBuddy(() -> {
      setUps.incrementAndGet();
      return byteBuddy;
    });

    assertThat(deferred.transformer("io/laneagent/agent/JmxRegistration$1")).isNull();
    assertThat(deferred.transformer("io/laneagent/shaded/net/bytebuddy/asm/Advice")).isNull();
    assertThat(deferred.transformer(null)).as("a class without a name").isNull();
    assertThat(setUps).hasValue(0);
  }

  @Test
  void aClassLoadedOnTheThreadThatSetsItUpGetsNoneAsByteBuddyWouldSkipIt() {
    AtomicReference<ResettableClassFileTransformer> nested = new AtomicReference<>(byteBuddy);
    DeferredByteBuddy[] deferred = new DeferredByteBuddy[1];
    deferred[0] = new DeferredByteBuddy(() -> {
      nested.set(deferred[0].transformer("java/util/SomethingByteBuddyLoads"));
      return byteBuddy;
    });

    assertThat(deferred[0].transformer("org/example/Client")).isSameAs(byteBuddy);
    assertThat(nested.get()).isNull();
  }

  @Test
  void aSetUpThatFailsLeavesClassesAsTheyAreAndIsNotTriedAgain() {
    DeferredByteBuddy deferred = new DeferredByteBuddy(() -> {
      setUps.incrementAndGet();
      throw new IllegalStateException("broken advice");
    });

    assertThat(deferred.transformer("org/example/Client")).isNull();
    assertThat(deferred.transformer("org/example/Other")).isNull();
    assertThat(setUps).hasValue(1);
  }

  @Test
  void anotherThreadWaitsForTheSetUpAndGetsTheSameTransformer() throws Exception {
    CountDownLatch settingUp = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    DeferredByteBuddy deferred = new DeferredByteBuddy(() -> {
      setUps.incrementAndGet();
      settingUp.countDown();
      release.await(10, TimeUnit.SECONDS);
      return byteBuddy;
    });
    AtomicReference<ResettableClassFileTransformer> first = new AtomicReference<>();
    AtomicReference<ResettableClassFileTransformer> second = new AtomicReference<>();
    Thread a = new Thread(() -> first.set(deferred.transformer("org/example/A")));
    a.start();
    assertThat(settingUp.await(10, TimeUnit.SECONDS)).isTrue();
    Thread b = new Thread(() -> second.set(deferred.transformer("org/example/B")));
    b.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (b.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(b.getState()).as("waits for the lock while the first thread sets Byte Buddy up")
        .isEqualTo(Thread.State.TIMED_WAITING);
    assertThat(second.get()).isNull();
    release.countDown();
    a.join(10_000);
    b.join(10_000);
    assertThat(first.get()).isSameAs(byteBuddy);
    assertThat(second.get()).isSameAs(byteBuddy);
    assertThat(setUps).hasValue(1);
  }
}
