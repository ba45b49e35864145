package io.laneagent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Servlet.service(ServletRequest, ServletResponse)} or
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} of every implementation, for
 * one servlet namespace ({@code javax.servlet} or {@code jakarta.servlet}). Both take the request
 * first, so one advice serves both.
 */
final class ServletEntryInstrumentation implements TypeInstrumentation {

  private final String namespace;
  private final String interfaceName;
  private final String methodName;
  private final int argumentCount;
  private final String adviceClassName;

  private ServletEntryInstrumentation(String namespace, String simpleName, String methodName, int argumentCount,
      String adviceClassName) {
    this.namespace = namespace;
    this.interfaceName = namespace + "." + simpleName;
    this.methodName = methodName;
    this.argumentCount = argumentCount;
    this.adviceClassName = adviceClassName;
  }

  static ServletEntryInstrumentation servlet(String namespace, String adviceClassName) {
    return new ServletEntryInstrumentation(namespace, "Servlet", "service", 2, adviceClassName);
  }

  static ServletEntryInstrumentation filter(String namespace, String adviceClassName) {
    return new ServletEntryInstrumentation(namespace, "Filter", "doFilter", 3, adviceClassName);
  }

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe(interfaceName + " implementations",
        not(isInterface()).and(hasSuperType(named(interfaceName))));
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses(interfaceName);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(
        named(methodName).and(not(isAbstract())).and(takesArguments(argumentCount))
            .and(takesArgument(0, named(namespace + ".ServletRequest")))
            .and(takesArgument(1, named(namespace + ".ServletResponse"))),
        adviceClassName);
  }
}
