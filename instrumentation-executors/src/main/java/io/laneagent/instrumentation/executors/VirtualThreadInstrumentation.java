package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Virtual threads (JDK 21+): {@code start} remembers the starter's lanes, the virtual thread's
 * {@code run(Runnable)} makes them current on the virtual thread itself. While the JDK hands a
 * continuation to its carrier pool, nothing is captured: carrier threads never carry a lane.
 */
final class VirtualThreadInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("java.lang.VirtualThread");
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.anyLoader();
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"start(Ljdk/internal/vm/ThreadContainer;)V"}, any(),
        "io.laneagent.instrumentation.executors.ThreadStartAdvice");
    target.apply(new String[] {"run(Ljava/lang/Runnable;)V"}, any(),
        "io.laneagent.instrumentation.executors.RunThisIfCapturedAdvice");
    target.apply(new String[] {"submitRunContinuation", "lazySubmitRunContinuation", "externalSubmitRunContinuation"},
        any(), "io.laneagent.instrumentation.executors.SuppressCaptureAdvice");
  }
}
