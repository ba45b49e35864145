package io.laneagent.bootstrap;

import java.util.Arrays;

/**
 * The lanes of one unit of work: one value (or null) per configured header, in the order of
 * {@link LaneSettings#headers()}. Immutable; {@link #EMPTY} stands for "no lane".
 */
public final class Lanes {

  public static final Lanes EMPTY = new Lanes(new String[0]);

  private final String[] values;

  private Lanes(String[] values) {
    this.values = values;
  }

  /** Values aligned with the configured header names; nulls for absent headers. Copies the array. */
  public static Lanes of(String... values) {
    int length = values.length;
    while (length > 0 && values[length - 1] == null) {
      length--; // trailing "no value"s carry nothing; trimmed so that equal lanes are equal
    }
    return length == 0 ? EMPTY : new Lanes(Arrays.copyOf(values, length));
  }

  /** The value for header {@code index}, or null. */
  public String get(int index) {
    return index < values.length ? values[index] : null;
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
    int size = Math.max(values.length, fallback.values.length);
    String[] merged = Arrays.copyOf(values, size);
    boolean changed = false;
    for (int i = 0; i < size; i++) {
      if (merged[i] == null && fallback.get(i) != null) {
        merged[i] = fallback.get(i);
        changed = true;
      }
    }
    return changed ? of(merged) : this;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Lanes && Arrays.equals(values, ((Lanes) other).values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
