package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code java.util.Timer}: a one-shot {@code schedule} keeps the scheduler's lanes for the
 * {@code TimerTask}, whose {@code run} makes them current; repeating tasks run with the own lane.
 */
final class TimerInstrumentation {

  private TimerInstrumentation() {}

  static final class Schedule extends NamedTypeInstrumentation {

    Schedule() {
      super("java.util.Timer", true);
    }

    @Override
    public void adviseMethods(AdviceTarget target) {
      target.apply(new String[] {"sched(Ljava/util/TimerTask;JJ)V"}, any(),
          "io.laneagent.instrumentation.executors.TimerScheduleAdvice");
    }
  }
}
