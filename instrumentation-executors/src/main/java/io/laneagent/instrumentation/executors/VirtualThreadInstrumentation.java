package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * Virtual threads (JDK 21+): {@code start} remembers the starter's lanes, the virtual thread's
 * {@code run(Runnable)} makes them current on the virtual thread itself. While the JDK hands a
 * continuation to its carrier pool, nothing is captured: carrier threads never carry a lane.
 */
final class VirtualThreadInstrumentation extends NamedTypeInstrumentation {

  VirtualThreadInstrumentation() {
    super("java.lang.VirtualThread", true);
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
