package io.laneagent.bootstrap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code lane.trust-inbound=false} (an edge service): the lane headers an outside client sent are
 * <em>hidden</em> from the application, not only ignored by the agent. A gateway route, a proxy servlet
 * or any handler that copies inbound headers to its outbound call would otherwise forward the client's
 * {@code env: gray} as if the application had set it — and the application's own header always wins.
 * Inbound advice asks {@link #hidden()} and, when a request carries a lane header, gives the
 * application a view of the request without it (a servlet request wrapper, a copy of the JDK server's
 * headers, a mutated WebFlux request). Headers the edge's own code sets later (a per-user rule) are
 * the application's and go on.
 *
 * <p>JDK types only: the server-specific views live next to each server's advice.
 */
public final class UntrustedLanes {

  private UntrustedLanes() {}

  /** True when client lanes must be hidden from the application. */
  public static boolean hidden() {
    return !LaneSettings.current().trustInbound();
  }

  /** Whether {@code name} is one of the configured lane headers (any case). */
  public static boolean isLaneHeader(String name) {
    if (name == null) {
      return false;
    }
    for (String header : LaneSettings.current().headers()) {
      if (header.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a header map (keys in any case) holds a lane header. */
  public static boolean anyIn(Map<String, ?> headers) {
    if (headers == null || headers.isEmpty()) {
      return false;
    }
    for (String name : headers.keySet()) {
      if (isLaneHeader(name)) {
        return true;
      }
    }
    return false;
  }

  /** Removes every lane header from a mutable header map (keys in any case). */
  public static void removeFrom(Map<String, ?> headers) {
    for (Iterator<String> names = headers.keySet().iterator(); names.hasNext(); ) {
      if (isLaneHeader(names.next())) {
        names.remove();
      }
    }
  }

  /** {@code names} without the lane headers (for {@code HttpServletRequest.getHeaderNames}). */
  public static Enumeration<String> visibleNames(Enumeration<String> names) {
    if (names == null) {
      return null;
    }
    List<String> visible = new ArrayList<>();
    while (names.hasMoreElements()) {
      String name = names.nextElement();
      if (!isLaneHeader(name)) {
        visible.add(name);
      }
    }
    return Collections.enumeration(visible);
  }

  /**
   * A callback for a server's "for each header" API that notes whether a lane header is among them
   * (Spring's {@code HttpHeaders.forEach}, whose lookup methods changed signature between versions).
   */
  public static Presence presence() {
    return new Presence();
  }

  /** The one debug line per request whose client lanes were hidden. */
  public static void hiddenAt(String source) {
    if (LaneLog.isDebug()) {
      LaneLog.debug("inbound " + source + ": the client's lane headers are hidden from the application "
          + "(lane.trust-inbound=false)");
    }
  }

  /** See {@link #presence()}. */
  public static final class Presence implements BiConsumer<String, Object> {
    private boolean found;

    private Presence() {}

    @Override
    public void accept(String name, Object values) {
      if (!found && isLaneHeader(name)) {
        found = true;
      }
    }

    public boolean found() {
      return found;
    }
  }
}
