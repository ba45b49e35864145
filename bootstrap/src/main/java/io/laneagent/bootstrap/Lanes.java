package io.laneagent.bootstrap;

import java.util.Arrays;

/**
 * The lanes of one unit of work, and the trace context it came with: one value (or null) per carried
 * header, in the order of {@link LaneSettings#carried()} (the lane headers first, then the trace headers
 * and baggage). Immutable; {@link #EMPTY} stands for "nothing carried".
 */
public final class Lanes {

  public static final Lanes EMPTY = new Lanes(new String[0]);

  /** {@link #traceId()}'s "none" (a distinct object: compared by identity). */
  private static final String NO_TRACE_ID = new String("");

  private final String[] values;
  /**
   * {@link #traceId()}, computed on first use (log events ask for it once each): null until then. A
   * benign race — Strings are immutable, so a thread sees either null (and computes it again) or the value.
   */
  private String traceId;

  private Lanes(String[] values) {
    this.values = values;
  }

  /** Values aligned with the configured header names; nulls for absent headers. Copies the array. */
  public static Lanes of(String... values) {
    return owning(values.clone());
  }

  /** {@link #of}, taking {@code values} as it is: for a fresh array nobody else holds. */
  static Lanes owning(String[] values) {
    int length = values.length;
    while (length > 0 && values[length - 1] == null) {
      length--; // trailing "no value"s carry nothing; trimmed so that equal lanes are equal
    }
    return length == 0 ? EMPTY : new Lanes(length == values.length ? values : Arrays.copyOf(values, length));
  }

  /** The value for carried header {@code index}, or null. */
  public String get(int index) {
    return index < values.length ? values[index] : null;
  }

  /** The value of the lane header (the first of {@code lane.headers}), or null. */
  public String lane() {
    return get(0);
  }

  /**
   * The trace id these carry: {@code x-b3-traceid}, else the trace id of {@code traceparent}; null when
   * neither came in (or neither is a carried trace header).
   */
  public String traceId() {
    String cached = traceId;
    if (cached == null) {
      String computed = computeTraceId();
      traceId = cached = computed == null ? NO_TRACE_ID : computed;
    }
    return cached == NO_TRACE_ID ? null : cached;
  }

  private String computeTraceId() {
    if (values.length == 0) {
      return null;
    }
    LaneSettings settings = LaneSettings.current();
    String b3 = settings.b3TraceIdIndex() < 0 ? null : get(settings.b3TraceIdIndex());
    if (b3 != null) {
      return b3;
    }
    String traceparent = settings.traceparentIndex() < 0 ? null : get(settings.traceparentIndex());
    // version "-" trace-id (32 hex) "-" parent-id "-" flags
    if (traceparent != null && traceparent.length() >= 55 && traceparent.charAt(2) == '-' && traceparent.charAt(35) == '-') {
      return traceparent.substring(3, 35);
    }
    return null;
  }

  /** Whether any carried header at or after {@code from} has a value. */
  boolean anyFrom(int from) {
    for (int i = from; i < values.length; i++) {
      if (values[i] != null) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return this == EMPTY;
  }

  /** These lanes, with {@code fallback}'s value wherever this has none. */
  public Lanes orElse(Lanes fallback) {
    if (fallback.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return fallback;
    }
    String[] merged = null; // copied only when the fallback fills a gap (rare: the own lane for a laneless request)
    for (int i = 0; i < fallback.values.length; i++) {
      if (fallback.values[i] != null && get(i) == null) {
        if (merged == null) {
          merged = Arrays.copyOf(values, Math.max(values.length, fallback.values.length));
        }
        merged[i] = fallback.values[i];
      }
    }
    return merged == null ? this : owning(merged);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Lanes && Arrays.equals(values, ((Lanes) other).values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** {@code [env=gray, x-request-id=…]}: the carried headers that have a value, by name (debug lines). */
  @Override
  public String toString() {
    String[] names = LaneSettings.current().carried();
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        out.append(out.length() > 1 ? ", " : "").append(i < names.length ? names[i] : "#" + i).append('=').append(values[i]);
      }
    }
    return out.append(']').toString();
  }
}
