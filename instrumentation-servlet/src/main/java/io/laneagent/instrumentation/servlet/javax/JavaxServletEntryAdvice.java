package io.laneagent.instrumentation.servlet.javax;

import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.UntrustedLanes;
import io.laneagent.instrumentation.servlet.javax.helpers.LanesHiddenRequest;
import java.util.Enumeration;
import javax.servlet.ServletRequest;
import javax.servlet.http.HttpServletRequest;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code javax.servlet} filters and servlets. The outermost entry on a thread sets the
 * request's lanes; nested ones (the rest of the filter chain, forwards, includes) do nothing. The
 * lanes are kept as a request attribute, so that later dispatches of the same request (error, async)
 * get exactly the lanes the first one decided.
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
    if (!(request instanceof HttpServletRequest) || LaneContext.isInboundActive()) {
      return null;
    }
    HttpServletRequest http = (HttpServletRequest) request;
    if (UntrustedLanes.hidden() && LanesHiddenRequest.needed(http)) {
      http = new LanesHiddenRequest(http);
      request = http;
      UntrustedLanes.hiddenAt("javax.servlet");
    }
    Object known = http.getAttribute(LaneContext.REQUEST_ATTRIBUTE);
    Lanes lanes;
    if (known instanceof Lanes) {
      lanes = (Lanes) known;
    } else {
      InboundLaneReader reader = InboundLaneReader.start();
      String[] headers = reader.headers();
      for (int i = 0; i < headers.length; i++) {
        Enumeration<String> values = http.getHeaders(headers[i]);
        while (values != null && values.hasMoreElements()) {
          reader.add(i, values.nextElement());
        }
      }
      lanes = reader.finish("javax.servlet");
      http.setAttribute(LaneContext.REQUEST_ATTRIBUTE, lanes);
    }
    return LaneContext.enterInbound(lanes);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object scope) {
    LaneContext.exitInbound(scope);
  }
}
