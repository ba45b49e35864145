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
 * headers, a mutated WebFlux request). With {@code lane.baggage} the lane member of the client's
 * {@code baggage} is hidden too (the other members stay). Headers the edge's own code sets later (a
 * per-user rule) are the application's and go on.
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

  /** Whether {@code name} is {@code baggage} and the lane member of baggage must be hidden ({@code lane.baggage}). */
  public static boolean isHiddenBaggage(String name) {
    return LaneSettings.BAGGAGE.equalsIgnoreCase(name) && LaneSettings.current().baggage();
  }

  /** Whether a {@code baggage} value holds the lane member. */
  public static boolean baggageCarriesLane(String value) {
    return Baggage.member(value, LaneSettings.current().headers()[0]) != null;
  }

  /** A {@code baggage} value without the lane member (null when nothing is left). */
  public static String visibleBaggage(String value) {
    return value == null ? null : Baggage.withMember(value, LaneSettings.current().headers()[0], null);
  }

  /** Whether a header map (keys in any case) holds something to hide: a lane header, or a lane in baggage. */
  public static boolean anyIn(Map<String, ? extends List<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, ? extends List<String>> header : headers.entrySet()) {
      if (hides(header.getKey(), header.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Removes every lane header, and the lane member of baggage, from a mutable header map (keys in any case). */
  public static void removeFrom(Map<String, List<String>> headers) {
    for (Iterator<Map.Entry<String, List<String>>> entries = headers.entrySet().iterator(); entries.hasNext(); ) {
      Map.Entry<String, List<String>> header = entries.next();
      if (isLaneHeader(header.getKey())) {
        entries.remove();
      } else if (isHiddenBaggage(header.getKey()) && header.getValue() != null) {
        List<String> visible = visibleBaggageLines(header.getValue());
        if (visible.isEmpty()) {
          entries.remove();
        } else {
          header.setValue(visible);
        }
      }
    }
  }

  /** Each baggage line without the lane member; lines with nothing left are gone. */
  public static List<String> visibleBaggageLines(List<String> lines) {
    List<String> visible = new ArrayList<>();
    for (String line : lines) {
      String kept = visibleBaggage(line);
      if (kept != null) {
        visible.add(kept);
      }
    }
    return visible;
  }

  private static boolean hides(String name, Iterable<?> values) {
    if (isLaneHeader(name)) {
      return true;
    }
    if (isHiddenBaggage(name) && values != null) {
      for (Object value : values) {
        if (value instanceof String && baggageCarriesLane((String) value)) {
          return true;
        }
      }
    }
    return false;
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
    private List<String> visibleBaggage;

    private Presence() {}

    @Override
    public void accept(String name, Object values) {
      Iterable<?> lines = values instanceof Iterable ? (Iterable<?>) values : null;
      if (hides(name, lines)) {
        found = true;
        if (isHiddenBaggage(name)) {
          List<String> all = new ArrayList<>();
          for (Object line : lines) {
            all.add(String.valueOf(line));
          }
          visibleBaggage = visibleBaggageLines(all);
        }
      }
    }

    public boolean found() {
      return found;
    }

    /** The request's baggage lines without the lane member, or null when its baggage needs no change. */
    public List<String> visibleBaggage() {
      return visibleBaggage;
    }
  }
}
