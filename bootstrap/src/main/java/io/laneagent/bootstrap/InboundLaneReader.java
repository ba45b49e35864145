package io.laneagent.bootstrap;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Collects the carried headers of one inbound request (the lane headers, the trace headers, baggage;
 * see {@link LaneSettings#carried()}) and decides its {@link Lanes}.
 *
 * <p>Advice loops over {@link #headers()}, hands every value the server saw to {@link #add} (all of
 * them: several different values of one header are a conflict and are dropped; lines of
 * {@code tracestate} and {@code baggage} are one list), then calls {@link #finish}. Advice does the loop
 * itself because only the advice, inlined into the server's classes, can see the server's request type.
 */
public final class InboundLaneReader {

  /** Several different values of one header: compared by identity (a value a client sends is never this object). */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String CONFLICT = new String("<conflict>");

  private final LaneSettings settings;
  private final boolean fromClient;
  /**
   * Per carried header: null, its value, or CONFLICT. Made at the first value: a request that brings none of the
   * carried headers allocates nothing here. {@link #finish} turns it into the values of the request's lanes.
   */
  private String[] seen;

  private InboundLaneReader(LaneSettings settings, boolean fromClient) {
    this.settings = settings;
    this.fromClient = fromClient;
  }

  /**
   * For a request from a client (HTTP): with {@code lane.trust-inbound=false} (an edge service) its
   * lanes are ignored and it runs with the own lane.
   */
  public static InboundLaneReader start() {
    return new InboundLaneReader(LaneSettings.current(), true);
  }

  /**
   * For a message (a Kafka record): produced inside the mesh by a service that was given its lane, so
   * {@code lane.trust-inbound} does not apply.
   */
  public static InboundLaneReader startForMessage() {
    return new InboundLaneReader(LaneSettings.current(), false);
  }

  /** The carried header names, lower case; index i goes with {@link #add}(i, …). */
  public String[] headers() {
    return settings.carried();
  }

  /** One value of header {@code index} as the server received it (null is ignored). */
  public void add(int index, String rawValue) {
    int carried = settings.carried().length;
    if (rawValue == null || index < 0 || index >= carried) {
      return;
    }
    String[] seen = this.seen;
    if (seen == null) {
      seen = this.seen = new String[carried];
    }
    String value = LaneValues.stripOws(rawValue);
    String previous = seen[index];
    if (previous == null) {
      seen[index] = value;
    } else if (previous == CONFLICT || previous.equals(value)) {
      return;
    } else if (settings.isListValued(index)) {
      // several tracestate (or baggage) lines are one list (W3C); bounded, whatever a client sends. A line
      // seen before is the same line again: some servers hand each spelling of a name ("tracestate",
      // "TraceState") with all of its lines (Netty's case-insensitive getAll)
      if (!isLineOf(previous, value)) {
        seen[index] = previous.length() + value.length() < Baggage.MAX_INBOUND ? previous + "," + value : CONFLICT;
      }
    } else {
      seen[index] = CONFLICT;
    }
  }

  /** Whether {@code line} is already one of the comma-joined lines of {@code joined}. */
  private static boolean isLineOf(String joined, String line) {
    for (int at = joined.indexOf(line); at >= 0; at = joined.indexOf(line, at + 1)) {
      int end = at + line.length();
      if ((at == 0 || joined.charAt(at - 1) == ',') && (end == joined.length() || joined.charAt(end) == ',')) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #add} by header name (any case), as a callback for a server's "for each header" API: for
   * servers whose header lookup changed signature between versions (Spring's {@code HttpHeaders.get}
   * took an {@code Object} before Spring 7), while {@code forEach(BiConsumer)} stayed the same.
   */
  public BiConsumer<String, List<String>> byName() {
    return new BiConsumer<String, List<String>>() {
      @Override
      public void accept(String name, List<String> values) {
        if (name == null || values == null) {
          return;
        }
        String[] names = settings.carried();
        for (int i = 0; i < names.length; i++) {
          if (names[i].equalsIgnoreCase(name)) {
            for (String value : values) {
              add(i, value);
            }
          }
        }
      }
    };
  }

  /**
   * The validated lanes and trace headers; {@code source} names the entry point in warnings and debug lines. Once
   * per reader: what is dropped is cleared from {@code seen} on the way, which then becomes the values of the
   * lanes — itself, or a copy as long as the last value kept needs ({@link Lanes} trims trailing "no value"s).
   */
  public Lanes finish(String source) {
    String[] seen = this.seen;
    if (seen == null) {
      return finished(source, null, false);
    }
    boolean untrusted = fromClient && !settings.trustInbound();
    String[] names = settings.carried();
    int last = -1;
    boolean ignoredLanes = false;
    for (int i = 0; i < seen.length; i++) {
      String value = seen[i];
      if (value == null) {
        continue;
      }
      seen[i] = null; // kept below if it passes
      if (untrusted && settings.isLane(i)) {
        ignoredLanes = true;
        LaneCounters.dropped(LaneCounters.UNTRUSTED);
        continue;
      }
      if (value == CONFLICT) {
        LaneCounters.dropped(LaneCounters.CONFLICT);
        long suppressed = LaneLog.rateLimit("conflict:" + names[i]);
        if (suppressed >= 0) {
          LaneLog.warnAfterRateLimit("dropped header '" + names[i] + "' at " + source
              + ": the request carries several different values; it goes on without it", suppressed);
        }
        continue;
      }
      boolean lane = settings.isLane(i);
      int maxLength = i == settings.baggageIndex() ? Baggage.MAX_INBOUND : LaneSettings.MAX_TRACE_VALUE_LENGTH;
      String dropped = lane ? LaneValues.dropCounter(value, settings)
          : LaneValues.isTraceValue(value, maxLength) ? null : LaneCounters.INVALID_TRACE_HEADER;
      if (dropped != null) {
        LaneCounters.dropped(dropped);
        // the reason's text only when the warning is printed: a flood of bad values builds none
        long suppressed = LaneLog.rateLimit("invalid:" + names[i]);
        if (suppressed >= 0) {
          String reason = lane ? LaneValues.rejectReason(value, settings) : LaneValues.traceRejectReason(value, maxLength);
          LaneLog.warnAfterRateLimit("dropped header '" + names[i] + "' at " + source + " because " + reason
              + "; the request goes on without it", suppressed);
        }
        continue;
      }
      seen[i] = value;
      last = i;
    }
    String[] values = null;
    if (last == seen.length - 1) {
      values = seen;
    } else if (last >= 0) {
      values = new String[last + 1]; // not Arrays.copyOf: its generic form makes the array reflectively
      System.arraycopy(seen, 0, values, 0, last + 1);
    }
    this.seen = null; // the lanes own it now
    int baggage = settings.baggageIndex();
    if (values != null && values[0] == null && settings.baggage() && baggage < values.length && values[baggage] != null) {
      ignoredLanes |= laneFromBaggage(values, untrusted, source);
    }
    return finished(source, values, ignoredLanes);
  }

  /** The lanes of {@code values} (null: none), counted and, with {@code lane.debug}, logged. */
  private Lanes finished(String source, String[] values, boolean ignoredLanes) {
    Lanes lanes = values == null ? Lanes.EMPTY : Lanes.owning(values);
    if (values != null && hasLane(values)) {
      LaneCounters.captured(source);
    }
    if (settings.debug()) {
      if (ignoredLanes) {
        LaneLog.debug("inbound " + source + ": lanes ignored (lane.trust-inbound=false); the own lane applies");
      }
      LaneLog.debug("inbound " + source + " on " + Thread.currentThread().getName() + ": lanes " + lanes);
    }
    return lanes;
  }

  private boolean hasLane(String[] values) {
    for (int i = 0; i < Math.min(settings.headers().length, values.length); i++) {
      if (values[i] != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code lane.baggage}: without the plain lane header, the lane comes from the baggage member named like
   * it, validated like any lane. Returns true when one was there but ignored (an edge).
   */
  private boolean laneFromBaggage(String[] values, boolean untrusted, String source) {
    String laneHeader = settings.headers()[0];
    String member = Baggage.member(values[settings.baggageIndex()], laneHeader);
    if (member == null) {
      return false;
    }
    if (untrusted) {
      LaneCounters.dropped(LaneCounters.UNTRUSTED);
      return true;
    }
    String dropped = LaneValues.dropCounter(member, settings);
    if (dropped != null) {
      LaneCounters.dropped(dropped);
      long suppressed = LaneLog.rateLimit("invalid-baggage:" + laneHeader);
      if (suppressed >= 0) {
        LaneLog.warnAfterRateLimit("dropped the baggage member '" + laneHeader + "' at " + source + " because "
            + LaneValues.rejectReason(member, settings) + "; the request goes on without that lane", suppressed);
      }
      return false;
    }
    values[0] = member;
    return false;
  }
}
