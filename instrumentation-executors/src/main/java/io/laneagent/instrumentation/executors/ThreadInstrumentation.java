package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code new Thread(runnable).start()}, {@code Thread} subclasses and threads of
 * {@code Executors.newThreadPerTaskExecutor}: {@code start} remembers the
 * starter's lanes for the thread, its {@code run} (the subclass's own, or {@code Thread.run}) makes them
 * current. Threads that pools, timers and servers start for themselves never carry a lane
 * ({@code ThreadStarts}).
 */
final class ThreadInstrumentation {

  private ThreadInstrumentation() {}

  static final class Start extends NamedTypeInstrumentation {

    Start() {
      super("java.lang.Thread", true);
    }

    @Override
    public void adviseMethods(AdviceTarget target) {
      // start(ThreadContainer), JDK 21+: how Executors.newThreadPerTaskExecutor (and structured concurrency)
      // start a platform thread, without going through start()
      target.apply(new String[] {"start()V", "start(Ljdk/internal/vm/ThreadContainer;)V"}, any(),
          "io.laneagent.instrumentation.executors.ThreadStartAdvice");
    }
  }
}
