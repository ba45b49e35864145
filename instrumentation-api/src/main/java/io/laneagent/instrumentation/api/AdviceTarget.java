package io.laneagent.instrumentation.api;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Where a {@link TypeInstrumentation} registers advice. Advice is named, not referenced as a class:
 * the agent reads its bytes from the agent jar and never loads it, so an advice class compiled
 * against a library (or a newer JDK) that this JVM does not have costs nothing.
 */
public interface AdviceTarget {

  /**
   * Puts {@code adviceClassName} on the methods the type declares that have one of
   * {@code signatures} and match {@code methods}. A signature is a method name with its JVM descriptor,
   * {@code "doFilter(Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;Ljavax/servlet/FilterChain;)V"},
   * or a bare name where any descriptor will do.
   *
   * <p>The signatures are not only a matcher: a class that declares such a method has both the name and
   * the descriptor in its constant pool, so a class file without them is skipped before Byte Buddy
   * parses it. That keeps the cost of every class the application loads near zero (see
   * docs/architecture.md, "Start-up cost"). Give descriptors wherever you can: a bare common name
   * ({@code start}) lets many classes through.
   */
  void apply(String[] signatures, ElementMatcher<? super MethodDescription> methods, String adviceClassName);

  /**
   * Rewrites the bodies of the type's methods with {@code visitor} (a Byte Buddy
   * {@code MemberSubstitution}, say), for the rare case where advice around a whole method is not
   * enough: the call to wrap sits inside a loop ({@code ThreadPoolExecutor.runWorker}). The visitor must
   * not change the class format. {@code signatures} name the methods it edits, as for {@link #apply}.
   */
  void visit(String[] signatures, AsmVisitorWrapper visitor);

  /**
   * Classes the advice calls that must live in the instrumented type's own class loader, because
   * they implement or extend the library's types (a Reactor {@code CoreSubscriber}, say). The agent
   * defines them there, in the order given (a supertype before its subtypes), before the transformed
   * class can run. Their build must store them as {@code <name>.classdata} in the agent jar, so that
   * the bootstrap class loader, which reads the same jar, can never define them itself (see
   * instrumentation-reactor's pom). If they cannot be defined, the type is left uninstrumented.
   */
  void helpers(String... classNames);
}
