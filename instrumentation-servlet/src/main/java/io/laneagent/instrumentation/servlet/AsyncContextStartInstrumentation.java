package io.laneagent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code AsyncContext.start(Runnable)}: the container runs the task on another thread; it keeps the lanes. */
final class AsyncContextStartInstrumentation implements TypeInstrumentation {

  private final String interfaceName;

  AsyncContextStartInstrumentation(String namespace) {
    this.interfaceName = namespace + ".AsyncContext";
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe(interfaceName + " implementations",
        not(isInterface()).and(hasSuperType(named(interfaceName))));
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {interfaceName};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses(interfaceName);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"start(Ljava/lang/Runnable;)V"}, any(),
        "io.laneagent.instrumentation.servlet.AsyncContextStartAdvice");
  }
}
