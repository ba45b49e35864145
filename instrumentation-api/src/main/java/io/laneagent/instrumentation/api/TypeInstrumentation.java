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

  /**
   * For the start-up prefilter: the one class (internal name, {@code a/b/C}) this instrumentation can
   * match, or null if it matches by hierarchy. With a name, the advised signatures are looked for in
   * that class only — a common signature ({@code <clinit>()V}) then costs nothing for every other class.
   */
  default String prefilterClassName() {
    return null;
  }

  /**
   * For the start-up prefilter, when {@link #prefilterClassName()} is null: constant-pool strings of
   * which a matching class has at least one besides the advised signature (the super class's internal
   * name, say), or null for none. Keeps a common signature ({@code run()V}) from passing every class.
   */
  default String[] prefilterClues() {
    return null;
  }

  /**
   * For the install pass over classes loaded before the agent (at premain the JDK's; with a JDK 24+ AOT
   * cache thousands of the application's, loaded ahead of time; on a runtime attach all of them): types
   * (binary names) of which every class this instrumentation matches is one, or a subtype. Only loaded
   * classes related to one of these are described and matched then. Default: the one named class of
   * {@link #prefilterClassName()}, else null — unknown, and every loaded class is looked at.
   */
  default String[] installPassRoots() {
    String name = prefilterClassName();
    return name == null ? null : new String[] {name.replace('/', '.')};
  }
}
