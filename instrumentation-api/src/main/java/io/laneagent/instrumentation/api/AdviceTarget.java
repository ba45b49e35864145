package io.laneagent.instrumentation.api;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where a {@link TypeInstrumentation} registers advice. Advice is named, not referenced as a class:
 * the agent reads its bytes from the agent jar and never loads it, so an advice class compiled
 * against a library (or a newer JDK) that this JVM does not have costs nothing.
 */
public interface AdviceTarget {

  void apply(ElementMatcher<? super MethodDescription> methods, String adviceClassName);
}
