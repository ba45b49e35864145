package io.laneagent.instrumentation.servlet.javax.helpers;

import io.laneagent.bootstrap.LaneSettings;
import io.laneagent.bootstrap.UntrustedLanes;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * The request an edge application sees with {@code lane.trust-inbound=false}: the client's lane headers
 * are not there, so a filter or proxy servlet that copies inbound headers copies none of them (see
 * {@code UntrustedLanes}). Everything else is the container's request.
 *
 * <p>A helper class: it extends the servlet API, so the agent defines it in the class loader of the
 * instrumented filter or servlet (stored as {@code .classdata} in the agent jar).
 */
public final class LanesHiddenRequest extends HttpServletRequestWrapper {

  public LanesHiddenRequest(HttpServletRequest request) {
    super(request);
  }

  /** Whether {@code request} carries any lane header (or a lane in its baggage), i.e. needs this view. */
  public static boolean needed(HttpServletRequest request) {
    for (String name : LaneSettings.current().headers()) {
      if (request.getHeader(name) != null) {
        return true;
      }
    }
    if (UntrustedLanes.isHiddenBaggage(LaneSettings.BAGGAGE)) {
      Enumeration<String> baggage = request.getHeaders(LaneSettings.BAGGAGE);
      while (baggage != null && baggage.hasMoreElements()) {
        if (UntrustedLanes.baggageCarriesLane(baggage.nextElement())) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String getHeader(String name) {
    if (UntrustedLanes.isLaneHeader(name)) {
      return null;
    }
    if (UntrustedLanes.isHiddenBaggage(name)) {
      List<String> visible = visibleBaggage(name);
      return visible.isEmpty() ? null : visible.get(0);
    }
    return super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if (UntrustedLanes.isLaneHeader(name)) {
      return Collections.<String>emptyEnumeration();
    }
    return UntrustedLanes.isHiddenBaggage(name) ? Collections.enumeration(visibleBaggage(name)) : super.getHeaders(name);
  }

  private List<String> visibleBaggage(String name) {
    Enumeration<String> lines = super.getHeaders(name);
    return UntrustedLanes.visibleBaggageLines(lines == null ? Collections.<String>emptyList() : Collections.list(lines));
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return UntrustedLanes.visibleNames(super.getHeaderNames());
  }

  @Override
  public long getDateHeader(String name) {
    return UntrustedLanes.isLaneHeader(name) ? -1 : super.getDateHeader(name);
  }

  @Override
  public int getIntHeader(String name) {
    return UntrustedLanes.isLaneHeader(name) ? -1 : super.getIntHeader(name);
  }
}
