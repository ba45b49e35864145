package io.laneagent.bootstrap;

import java.util.Set;

/**
 * Rules for lane values, which are data from the outside world: at most
 * {@link LaneSettings#MAX_VALUE_LENGTH} characters of {@code [A-Za-z0-9._-]}, and in
 * {@code lane.allowed} when that is set. Anything else could split a header downstream, poison a
 * routing table or blow up a log line, so it is dropped.
 */
public final class LaneValues {

  private LaneValues() {}

  /**
   * Why {@code value} is not a valid lane (ignoring {@code lane.allowed}), or null when it is.
   * The reason never echoes the value itself: it may hold control characters.
   */
  public static String invalidReason(String value) {
    if (value == null || value.isEmpty()) {
      return "it is empty";
    }
    if (value.length() > LaneSettings.MAX_VALUE_LENGTH) {
      return "it is longer than " + LaneSettings.MAX_VALUE_LENGTH + " characters (" + value.length() + ")";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isLaneChar(c)) {
        return c < 0x20 || c == 0x7f
            ? "it contains a control character (0x" + Integer.toHexString(c) + ")"
            : "it contains a character outside [A-Za-z0-9._-] (U+" + String.format("%04X", (int) c) + ")";
      }
    }
    return null;
  }

  /** Valid and, when an allow-list is set, on it. */
  public static String rejectReason(String value, LaneSettings settings) {
    String invalid = invalidReason(value);
    if (invalid != null) {
      return invalid;
    }
    Set<String> allowed = settings.allowed();
    if (allowed != null && !allowed.contains(value)) {
      return "it is not in lane.allowed " + allowed;
    }
    return null;
  }

  /**
   * Why {@code value} is not a trace header value we forward, or null when it is: visible ASCII and
   * spaces (0x20–0x7E), at most {@code maxLength} characters. Trace headers are forwarded byte for byte, so
   * their own alphabets ({@code tracestate}'s {@code ,=}, base64's {@code +/=}) pass; anything that
   * could end a header line or break a log (control characters, CR/LF) does not. Never echoes the value.
   */
  public static String traceRejectReason(String value, int maxLength) {
    if (value == null || value.isEmpty()) {
      return "it is empty";
    }
    if (value.length() > maxLength) {
      return "it is longer than " + maxLength + " characters (" + value.length() + ")";
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((char) (c - 0x20) > 0x5e) { // outside 0x20..0x7e, one unsigned comparison
        return c < 0x20 || c == 0x7f
            ? "it contains a control character (0x" + Integer.toHexString(c) + ")"
            : "it contains a character outside visible ASCII (U+" + String.format("%04X", (int) c) + ")";
      }
    }
    return null;
  }

  static boolean isLaneChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
  }

  /** Strips the optional white space HTTP allows around a field value (SP and HTAB only). */
  static String stripOws(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == value.length() ? value : value.substring(start, end);
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }
}
