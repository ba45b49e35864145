package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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

  static final class Run implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return Matchers.safe("java.util.TimerTask subclasses", hasSuperClass(named("java.util.TimerTask")));
    }

    @Override
    public ElementMatcher<ClassLoader> classLoaderMatcher() {
      return Matchers.anyLoader();
    }

    @Override
    public void adviseMethods(AdviceTarget target) {
      target.apply(new String[] {"run()V"}, any(), "io.laneagent.instrumentation.executors.RunThisIfCapturedAdvice");
    }
  }
}
