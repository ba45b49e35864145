package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code run()} of a JDK class and its subclasses ({@code Thread}, {@code TimerTask}): the object that
 * was handed off runs with the lanes remembered for it, if any. Subclasses override {@code run()}, so
 * each declaration is advised (a nested {@code super.run()} finds nothing left to restore).
 */
final class SubclassRunInstrumentation implements TypeInstrumentation {

  private final String superClass;

  SubclassRunInstrumentation(String superClass) {
    this.superClass = superClass;
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe(superClass + " and subclasses outside the JDK",
        named(superClass).or(not(jdkClass()).and(hasSuperClass(named(superClass)))));
  }

  /**
   * The JDK's own subclasses (reference handler, finalizer, cleaner and logger threads, the HTTP
   * client's selector, fork/join workers) run the JDK's loops, never a task handed to them with a lane:
   * advising them would only cost start-up time (several are retransformed at premain). Those that run
   * a task call {@code Thread.run()}, which is advised.
   */
  private static ElementMatcher.Junction<TypeDescription> jdkClass() {
    return nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")).or(nameStartsWith("com.sun."));
  }

  /** Only the JDK class itself: its JDK subclasses are not advised (see {@link #jdkClass}). */

  @Override
  public String[] installPassRoots() {
    return new String[] {superClass};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.anyLoader();
  }

  /**
   * {@code run()V} is in the constant pool of every class that calls or declares a {@code run()}: only
   * classes that also name the JDK class (a direct subclass names its super class; others name it when
   * they call one of its methods) go on to the hierarchy check. A subclass of a subclass that never
   * mentions {@code Thread}/{@code TimerTask} and overrides {@code run()} is not advised.
   */
  @Override
  public String[] prefilterClues() {
    return new String[] {superClass.replace('.', '/')};
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"run()V"}, any(), "io.laneagent.instrumentation.executors.RunThisIfCapturedAdvice");
  }
}
