package io.laneagent.bootstrap;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the agent did, counted for the agent's MBean: lanes captured per inbound source, headers injected
 * and application headers kept per client, values dropped per reason, hand-offs carried, message records
 * switched. Striped counters ({@link LongAdder}): an increment on the request path costs a few
 * nanoseconds and never contends. Keys are the agent's own constants (sources, clients, reasons), so the
 * maps stay small; they are bounded all the same.
 */
public final class LaneCounters {

  /** Reasons for {@link #dropped}. */
  public static final String CONFLICT = "conflicting-values";
  public static final String INVALID_LANE = "invalid-lane";
  public static final String NOT_ALLOWED = "not-in-lane.allowed";
  public static final String INVALID_TRACE_HEADER = "invalid-trace-header";
  public static final String UNTRUSTED = "untrusted-inbound";

  private static final int MAX_KEYS = 256;
  private static final String OTHER = "(other)";

  private static final ConcurrentMap<String, LongAdder> CAPTURED = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, Outbound> OUTBOUND = new ConcurrentHashMap<>();
  private static final ConcurrentMap<String, LongAdder> DROPPED = new ConcurrentHashMap<>();
  private static final LongAdder HAND_OFFS = new LongAdder();
  private static final LongAdder RECORDS_SWITCHED = new LongAdder();
  private static final ConcurrentMap<String, LongAdder> ISOLATION = new ConcurrentHashMap<>();

  /** What {@link #isolation} counts: records messaging isolation kept from this pod's application ... */
  public static final String ISOLATION_FILTERED = "records-filtered";
  /** ... records of a lane without a live consumer group that this pod processed again from the lane group's offsets ... */
  public static final String ISOLATION_HANDED_OVER = "records-taken-over";
  /** ... and records this pod processed that the lane's consumers will process again, now their group is back. */
  public static final String ISOLATION_TWICE = "records-processed-twice";

  private LaneCounters() {}

  /**
   * The counter {@link #captured} used last, with its source: a service has one inbound source on its
   * request path almost always, and sources are the agent's string constants, so an identity check finds
   * it without the map. Racy on purpose: a stale pair is still a right pair.
   */
  private static volatile Keyed lastCaptured = new Keyed(null, null);

  /** An inbound request (or message) at {@code source} came with a lane. */
  public static void captured(String source) {
    Keyed last = lastCaptured;
    if (last.key != source) {
      last = lastCaptured = new Keyed(source, counter(CAPTURED, source));
    }
    last.counter.increment();
  }

  /** One outbound call through {@code client}: headers the agent wrote, and headers the request had already. */
  static void outbound(String client, int injected, int kept) {
    Outbound counters = OUTBOUND.get(client);
    if (counters == null) {
      counters = new Outbound();
      Outbound raced = OUTBOUND.putIfAbsent(OUTBOUND.size() < MAX_KEYS ? client : OTHER, counters);
      counters = raced == null ? counters : raced;
    }
    if (injected > 0) {
      counters.injected.add(injected);
    }
    if (kept > 0) {
      counters.kept.add(kept);
    }
  }

  /** An inbound value was dropped for {@code reason} (one of this class's constants). */
  static void dropped(String reason) {
    counter(DROPPED, reason).increment();
  }

  /** A task ran with the lanes of its hand-off. */
  static void handOff() {
    HAND_OFFS.increment();
  }

  /** The thread switched to a message record's lanes while the application iterated its batch. */
  static void recordSwitched() {
    RECORDS_SWITCHED.increment();
  }

  /** Messaging isolation did {@code what} (one of the {@code ISOLATION_} constants) to {@code records} records. */
  public static void isolation(String what, long records) {
    if (records > 0) {
      counter(ISOLATION, what).add(records);
    }
  }

  public static Map<String, Long> isolation() {
    return snapshot(ISOLATION);
  }

  public static Map<String, Long> lanesCaptured() {
    return snapshot(CAPTURED);
  }

  public static Map<String, Long> headersInjected() {
    return outboundSnapshot(false);
  }

  public static Map<String, Long> headersKept() {
    return outboundSnapshot(true);
  }

  private static Map<String, Long> outboundSnapshot(boolean kept) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, Outbound> entry : OUTBOUND.entrySet()) {
      out.put(entry.getKey(), (kept ? entry.getValue().kept : entry.getValue().injected).sum());
    }
    return out;
  }

  public static Map<String, Long> valuesDropped() {
    return snapshot(DROPPED);
  }

  public static long handOffsCarried() {
    return HAND_OFFS.sum();
  }

  public static long recordsSwitched() {
    return RECORDS_SWITCHED.sum();
  }

  /** For tests. */
  static void reset() {
    CAPTURED.clear();
    lastCaptured = new Keyed(null, null);
    OUTBOUND.clear();
    DROPPED.clear();
    HAND_OFFS.reset();
    RECORDS_SWITCHED.reset();
    ISOLATION.clear();
  }

  private static LongAdder counter(ConcurrentMap<String, LongAdder> map, String key) {
    LongAdder counter = map.get(key);
    if (counter == null) {
      // no computeIfAbsent lambda: bootstrap code may run while java.lang.invoke is still initialising
      LongAdder fresh = new LongAdder();
      LongAdder raced = map.putIfAbsent(map.size() < MAX_KEYS ? key : OTHER, fresh);
      counter = raced == null ? fresh : raced;
    }
    return counter;
  }

  private static Map<String, Long> snapshot(ConcurrentMap<String, LongAdder> map) {
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<String, LongAdder> entry : map.entrySet()) {
      out.put(entry.getKey(), entry.getValue().sum());
    }
    return out;
  }

  private static final class Keyed {
    final String key;
    final LongAdder counter;

    Keyed(String key, LongAdder counter) {
      this.key = key;
      this.counter = counter;
    }
  }

  private static final class Outbound {
    final LongAdder injected = new LongAdder();
    final LongAdder kept = new LongAdder();
  }
}
