package io.laneagent.instrumentation.kafka.isolation;

import java.util.Arrays;

/**
 * Offsets of the records of one dead lane processed on one partition, kept until that lane's group offset
 * passes them: if the lane group comes back first, these are the records processed twice. Bounded: past
 * {@link #CAP} entries a partition between two moves of the lane group's offsets only a count grows, and the
 * number reported is approximate.
 */
final class OffsetLog {

  static final int CAP = 20_000;

  private long[] offsets = new long[16];
  private int size;
  private long overflow;

  void add(long offset) {
    if (size == CAP) {
      overflow++;
      return;
    }
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, Math.min(CAP, size * 2));
    }
    offsets[size++] = offset;
  }

  /** Forgets the offsets below {@code offset} (the lane group has them committed). */
  void dropBelow(long offset) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (offsets[i] >= offset) {
        offsets[kept++] = offsets[i];
      }
    }
    size = kept;
    if (size == 0) {
      overflow = 0; // the group passed every offset kept, and so (most likely) the newer ones only counted
    }
  }

  /** How many offsets are at or above {@code offset}. */
  long countFrom(long offset) {
    long count = overflow;
    for (int i = 0; i < size; i++) {
      if (offsets[i] >= offset) {
        count++;
      }
    }
    return count;
  }
}
