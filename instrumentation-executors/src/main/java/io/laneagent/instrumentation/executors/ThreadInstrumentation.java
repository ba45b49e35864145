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

  static final class Run implements TypeInstrumentation {
    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return Matchers.safe("java.lang.Thread and subclasses",
          named("java.lang.Thread").or(hasSuperClass(named("java.lang.Thread"))));
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
