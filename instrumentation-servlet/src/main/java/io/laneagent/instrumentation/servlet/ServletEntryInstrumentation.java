package io.laneagent.instrumentation.servlet;

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
 * {@code Servlet.service(ServletRequest, ServletResponse)} or
 * {@code Filter.doFilter(ServletRequest, ServletResponse, FilterChain)} of every implementation, for
 * one servlet namespace ({@code javax.servlet} or {@code jakarta.servlet}). Both take the request
 * first, so one advice serves both.
 */
final class ServletEntryInstrumentation implements TypeInstrumentation {

  private final String interfaceName;
  private final String methodName;
  private final String descriptor;
  private final String adviceClassName;
  private final String hiddenLanesRequestClassName;
  private final String entryHelperClassName;

  private ServletEntryInstrumentation(String namespace, String simpleName, String methodName, String descriptor) {
    String prefix = namespace.startsWith("javax") ? "javax" : "jakarta";
    String ourPackage = "io.laneagent.instrumentation.servlet." + prefix;
    this.interfaceName = namespace + "." + simpleName;
    this.methodName = methodName;
    this.descriptor = descriptor;
    this.adviceClassName = ourPackage + "." + Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1)
        + "ServletEntryAdvice";
    this.hiddenLanesRequestClassName = ourPackage + ".helpers.LanesHiddenRequest";
    this.entryHelperClassName = ourPackage + ".helpers.ServletEntry";
  }

  /** {@code namespace}: {@code javax.servlet} or {@code jakarta.servlet}. */
  static ServletEntryInstrumentation servlet(String namespace) {
    String ns = namespace.replace('.', '/');
    return new ServletEntryInstrumentation(namespace, "Servlet", "service",
        "(L" + ns + "/ServletRequest;L" + ns + "/ServletResponse;)V");
  }

  static ServletEntryInstrumentation filter(String namespace) {
    String ns = namespace.replace('.', '/');
    return new ServletEntryInstrumentation(namespace, "Filter", "doFilter",
        "(L" + ns + "/ServletRequest;L" + ns + "/ServletResponse;L" + ns + "/FilterChain;)V");
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
    target.apply(new String[] {methodName + descriptor}, not(isAbstract()), adviceClassName);
    // what the advice delegates to, and the request view an edge (lane.trust-inbound=false) hands on:
    // both name the servlet API
    target.helpers(hiddenLanesRequestClassName, entryHelperClassName);
  }
}
