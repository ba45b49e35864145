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

  /** What {@link #defect} returns for a value that passes, and for the two defects that name no character. */
  private static final int VALID = -1;
  private static final int EMPTY = -2;
  private static final int TOO_LONG = -3;

  /**
   * Why {@code value} is not a valid lane (ignoring {@code lane.allowed}), or null when it is.
   * The reason never echoes the value itself: it may hold control characters.
   */
  public static String invalidReason(String value) {
    int defect = defect(value, LaneSettings.MAX_VALUE_LENGTH, true);
    return defect == VALID ? null : describe(defect, value, LaneSettings.MAX_VALUE_LENGTH, "[A-Za-z0-9._-]");
  }

  /** Valid and, when an allow-list is set, on it: the text of what {@link #dropCounter} decides. */
  public static String rejectReason(String value, LaneSettings settings) {
    String dropped = dropCounter(value, settings);
    if (dropped == null) {
      return null;
    }
    return dropped == LaneCounters.NOT_ALLOWED ? "it is not in lane.allowed " + settings.allowed() : invalidReason(value);
  }

  /**
   * What {@link #rejectReason} decides, as the {@link LaneCounters} reason, without building the text: null when
   * {@code value} is a lane this service takes, else {@link LaneCounters#INVALID_LANE} or
   * {@link LaneCounters#NOT_ALLOWED}. The text is only wanted when a warning is printed; hostile requests can
   * come in floods while the warning is kept quiet.
   */
  static String dropCounter(String value, LaneSettings settings) {
    if (defect(value, LaneSettings.MAX_VALUE_LENGTH, true) != VALID) {
      return LaneCounters.INVALID_LANE;
    }
    Set<String> allowed = settings.allowed();
    return allowed != null && !allowed.contains(value) ? LaneCounters.NOT_ALLOWED : null;
  }

  /**
   * Why {@code value} is not a trace header value we forward, or null when it is: visible ASCII and
   * spaces (0x20–0x7E), at most {@code maxLength} characters. Trace headers are forwarded byte for byte, so
   * their own alphabets ({@code tracestate}'s {@code ,=}, base64's {@code +/=}) pass; anything that
   * could end a header line or break a log (control characters, CR/LF) does not. Never echoes the value.
   */
  public static String traceRejectReason(String value, int maxLength) {
    int defect = defect(value, maxLength, false);
    return defect == VALID ? null : describe(defect, value, maxLength, "visible ASCII");
  }

  /** Whether {@link #traceRejectReason} passes {@code value}, without building a reason. */
  static boolean isTraceValue(String value, int maxLength) {
    return defect(value, maxLength, false) == VALID;
  }

  /**
   * {@link #VALID}, {@link #EMPTY}, {@link #TOO_LONG}, or the index of the first character {@code value} cannot
   * have: one scan for both alphabets, a lane's {@code [A-Za-z0-9._-]} ({@code lane}) or visible ASCII and spaces.
   */
  private static int defect(String value, int maxLength, boolean lane) {
    if (value == null || value.isEmpty()) {
      return EMPTY;
    }
    if (value.length() > maxLength) {
      return TOO_LONG;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      // outside 0x20..0x7e: one unsigned comparison
      if (lane ? !isLaneChar(c) : (char) (c - 0x20) > 0x5e) {
        return i;
      }
    }
    return VALID;
  }

  /** The reason for a defect, naming the character's code but never the value itself. */
  private static String describe(int defect, String value, int maxLength, String alphabet) {
    if (defect == EMPTY) {
      return "it is empty";
    }
    if (defect == TOO_LONG) {
      return "it is longer than " + maxLength + " characters (" + value.length() + ")";
    }
    char c = value.charAt(defect);
    return c < 0x20 || c == 0x7f
        ? "it contains a control character (0x" + Integer.toHexString(c) + ")"
        : "it contains a character outside " + alphabet + " (U+" + String.format("%04X", (int) c) + ")";
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
