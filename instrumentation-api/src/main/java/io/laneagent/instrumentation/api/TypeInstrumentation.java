package io.laneagent.instrumentation.api;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The types to match and the advice to put on their methods. */
public interface TypeInstrumentation {

  /** Which types; wrap anything that resolves super types in {@link Matchers#safe}. */
  ElementMatcher<TypeDescription> typeMatcher();

  /**
   * A cheap check before {@link #typeMatcher()}: class loaders that cannot see the library are
   * skipped without looking at their types. {@link Matchers#anyLoader()} for JDK types.
   */
  ElementMatcher<ClassLoader> classLoaderMatcher();

  void adviseMethods(AdviceTarget target);
}
