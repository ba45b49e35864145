package io.laneagent.instrumentation.servlet.javax;

import io.laneagent.bootstrap.LaneContext;
import io.laneagent.instrumentation.servlet.javax.helpers.ServletEntry;
import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code javax.servlet} filters and servlets. The outermost entry on a thread sets the
 * request's lanes ({@link ServletEntry}); nested ones (the rest of the filter chain, forwards, includes)
 * do nothing but one thread-local check. The lanes are kept as a request attribute, so that later
 * dispatches of the same request (error, async) get exactly the lanes the first one decided.
 *
 * <p>At an edge ({@code lane.trust-inbound=false}) the outermost entry also replaces the request with a
 * view that hides the client's lane headers, on every dispatch (an async dispatch starts again from
 * the container's own request).
 *
 * <p>One source for both namespaces: the build generates the jakarta.servlet classes from these (see
 * the pom).
 */
public final class JavaxServletEntryAdvice {

  private JavaxServletEntryAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(@Advice.Argument(value = 0, readOnly = false) ServletRequest request) {
    if (LaneContext.isInboundActive() || !(request instanceof HttpServletRequest)) {
      return null;
    }
    HttpServletRequest visible = ServletEntry.visible((HttpServletRequest) request);
    request = visible;
    return ServletEntry.enter(visible);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object scope) {
    LaneContext.exitInbound(scope);
  }
}
