package io.laneagent.bootstrap;

import java.util.ArrayList;
import java.util.List;

/**
 * W3C baggage ({@code baggage: userId=alice,env=gray;p=1}) as far as the lane needs it: reading the lane
 * member, and writing it into a baggage list while keeping every other member as it was. A service in
 * another language whose OpenTelemetry SDK propagates only baggage then keeps the lane for the next hop.
 *
 * <p>Limits, as the W3C spec asks of a propagator: at most {@link #MAX_MEMBERS} members and
 * {@link #MAX_BYTES} bytes are sent; past them whole members are dropped (from the end, never the lane
 * member), never cut. Members are split at {@code ,} (a raw comma cannot occur inside one: values are
 * percent-encoded); the lane value needs no encoding ({@code [A-Za-z0-9._-]}).
 */
public final class Baggage {

  static final int MAX_MEMBERS = 64;
  static final int MAX_BYTES = 8192;
  /** Longest inbound baggage the agent holds on to at all (all its lines together); more is dropped. */
  static final int MAX_INBOUND = 8 * MAX_BYTES;

  private Baggage() {}

  /** The (percent-decoded) value of the first member named {@code key} (any case), or null. */
  public static String member(String baggage, String key) {
    if (baggage == null) {
      return null;
    }
    for (String member : baggage.split(",")) {
      String trimmed = member.trim();
      if (key.equalsIgnoreCase(keyOf(trimmed))) {
        return decode(valueOf(trimmed));
      }
    }
    return null;
  }

  /**
   * {@code baggage} (null: none) with the member {@code key} set to {@code value} — replaced where there
   * was one, added at the end where not, removed for a null value — within the limits. Null when nothing
   * is left.
   */
  public static String withMember(String baggage, String key, String value) {
    List<String> members = new ArrayList<>();
    int ours = -1;
    if (baggage != null) {
      for (String member : baggage.split(",")) {
        String trimmed = member.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        if (key.equalsIgnoreCase(keyOf(trimmed))) {
          if (ours >= 0 || value == null) {
            continue; // one lane member only
          }
          ours = members.size();
          // the same lane: the member stays as it came (with its properties), else it gets the lane
          members.add(value.equals(decode(valueOf(trimmed))) ? trimmed : key + "=" + value);
        } else {
          members.add(trimmed);
        }
      }
    }
    if (value != null && ours < 0) {
      ours = members.size();
      members.add(key + "=" + value);
    }
    return withinLimits(members, ours);
  }

  /** Drops whole members from the end (never {@code keep}) until the list fits; joins it. */
  private static String withinLimits(List<String> members, int keep) {
    int bytes = members.isEmpty() ? 0 : members.size() - 1; // the commas
    for (String member : members) {
      bytes += member.length(); // visible ASCII only (validated inbound): one byte per character
    }
    for (int i = members.size() - 1; i >= 0 && (members.size() > MAX_MEMBERS || bytes > MAX_BYTES); i--) {
      if (i != keep) {
        bytes -= members.get(i).length() + 1;
        members.remove(i);
        if (keep > i) {
          keep--;
        }
      }
    }
    return members.isEmpty() ? null : String.join(",", members);
  }

  private static String keyOf(String member) {
    int equals = member.indexOf('=');
    return (equals < 0 ? member : member.substring(0, equals)).trim();
  }

  private static String valueOf(String member) {
    int equals = member.indexOf('=');
    if (equals < 0) {
      return "";
    }
    int properties = member.indexOf(';', equals);
    return (properties < 0 ? member.substring(equals + 1) : member.substring(equals + 1, properties)).trim();
  }

  /** Percent-decoding of ASCII escapes; a malformed escape stays as it is (and fails lane validation). */
  private static String decode(String value) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < value.length()) {
        int high = Character.digit(value.charAt(i + 1), 16);
        int low = Character.digit(value.charAt(i + 2), 16);
        if (high >= 0 && low >= 0) {
          out.append((char) (high * 16 + low));
          i += 2;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }
}
