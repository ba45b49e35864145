package io.laneagent.instrumentation.logging.log4j2;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code ContextDataInjector.injectContextData(List, StringMap)} of every implementation: Log4j2 calls it
 * on the logging thread for each event it creates (plain, reusable and ring-buffer events alike), and an
 * application may configure its own injector ({@code log4j2.contextDataInjector}) — covered too.
 */
final class ContextDataInjectorInstrumentation implements TypeInstrumentation {

  static final String INJECTOR = "org.apache.logging.log4j.core.ContextDataInjector";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe("ContextDataInjector implementations", not(isInterface()).and(hasSuperType(named(INJECTOR))));
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses(INJECTOR);
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {INJECTOR};
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"injectContextData(Ljava/util/List;Lorg/apache/logging/log4j/util/StringMap;)"
            + "Lorg/apache/logging/log4j/util/StringMap;"},
        not(isAbstract()), "io.laneagent.instrumentation.logging.log4j2.InjectContextDataAdvice");
    target.helpers("io.laneagent.instrumentation.logging.log4j2.helpers.ContextDataWithLanes");
  }
}
