package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code new Thread(runnable).start()} and {@code Thread} subclasses: {@code start} remembers the
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
      target.apply(new String[] {"start()V"}, any(), "io.laneagent.instrumentation.executors.ThreadStartAdvice");
    }
  }
}
