package io.laneagent.instrumentation.servlet.javax.helpers;

import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.UntrustedLanes;
import java.util.Enumeration;
import javax.servlet.http.HttpServletRequest;

/**
 * What the outermost servlet entry of a request does (see {@code JavaxServletEntryAdvice}), kept out of
 * the advice: the advice is inlined into every {@code Filter.doFilter} and {@code Servlet.service} of the
 * application, and a large inlined body makes those hot methods too big for the JIT to inline into the
 * filter chain. The advice is two calls; the work is here.
 *
 * <p>A helper class (it names the servlet API): defined by the agent next to the servlet API.
 */
public final class ServletEntry {

  private ServletEntry() {}

  /** The request the application gets: at an edge ({@code lane.trust-inbound=false}) without the client's lanes. */
  public static HttpServletRequest visible(HttpServletRequest request) {
    if (UntrustedLanes.hidden() && LanesHiddenRequest.needed(request)) {
      UntrustedLanes.hiddenAt("javax.servlet");
      return new LanesHiddenRequest(request);
    }
    return request;
  }

  /**
   * Starts the request's lanes on this thread: those a first dispatch decided (a request attribute, for
   * later error and async dispatches), else read from the headers. Returns the token for
   * {@code LaneContext.exitInbound}.
   */
  public static Object enter(HttpServletRequest request) {
    Object known = request.getAttribute(LaneContext.REQUEST_ATTRIBUTE);
    Lanes lanes;
    if (known instanceof Lanes) {
      lanes = (Lanes) known;
    } else {
      InboundLaneReader reader = InboundLaneReader.start();
      String[] headers = reader.headers();
      for (int i = 0; i < headers.length; i++) {
        Enumeration<String> values = request.getHeaders(headers[i]);
        while (values != null && values.hasMoreElements()) {
          reader.add(i, values.nextElement());
        }
      }
      lanes = reader.finish("javax.servlet");
      request.setAttribute(LaneContext.REQUEST_ATTRIBUTE, lanes);
    }
    return LaneContext.enterInbound(lanes);
  }
}
