package io.laneagent.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The settings advice needs at run time, fixed once at start-up (see the agent's config loader for
 * where they come from). Immutable; {@link #current()} is a volatile read.
 *
 * <p>What one unit of work carries ({@link #carried()}): the lane headers ({@code lane.headers}, the
 * lane header first), then the trace headers ({@code lane.trace-headers}, forwarded as they came),
 * then — with {@code lane.baggage} — the W3C {@code baggage} header. {@link Lanes} holds one value per
 * carried header, in this order.
 */
public final class LaneSettings {

  /** Longest lane value accepted from the outside. */
  public static final int MAX_VALUE_LENGTH = 128;

  /** Longest trace header value accepted from the outside. */
  public static final int MAX_TRACE_VALUE_LENGTH = 8192;

  public static final String DEFAULT_HEADER = "env";

  public static final String BAGGAGE = "baggage";

  /** Default MDC keys ({@code lane.mdc.lane-key}, {@code lane.mdc.trace-id-key}). */
  public static final String DEFAULT_MDC_LANE_KEY = "lane";
  public static final String DEFAULT_MDC_TRACE_ID_KEY = "traceId";
  /** {@code lane.base}: the lane Istio's default route goes to. */
  public static final String DEFAULT_BASE = "prod";
  /** {@code lane.kafka.isolation.check-interval}, in milliseconds. */
  public static final long DEFAULT_ISOLATION_CHECK_MILLIS = 10_000;

  /**
   * {@code lane.trace-headers=istio} (the default): what Istio's documentation asks every application to
   * forward so that Envoy's spans join into one trace — {@code x-request-id} and the B3, OpenTracing and
   * W3C trace context headers.
   */
  public static final List<String> ISTIO_TRACE_HEADERS = Collections.unmodifiableList(Arrays.asList(
      "x-request-id", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags",
      "x-ot-span-context", "traceparent", "tracestate"));

  /**
   * Headers that hold a trace context, whichever tracer wrote them (W3C, B3 multi and single, OpenTracing,
   * Jaeger, Google Cloud, Datadog, SkyWalking, AWS X-Ray). When an outbound request already has one of
   * them, a tracer in the application (or another agent) has written its trace context, and the agent
   * adds none of its own: never a mixed or doubled trace context. {@code x-request-id} is not among them.
   */
  static final Set<String> TRACE_CONTEXT_HEADERS = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
      "traceparent", "tracestate", "b3", "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled",
      "x-b3-flags", "x-ot-span-context", "uber-trace-id", "x-cloud-trace-context", "x-datadog-trace-id",
      "x-datadog-parent-id", "x-datadog-sampling-priority", "sw8", "x-amzn-trace-id")));

  /**
   * The trace-context header each tracer always writes (W3C, B3 multi and single, OpenTracing, Jaeger,
   * Google Cloud, Datadog, SkyWalking, AWS X-Ray): an outbound request that has one of them carries a
   * tracer's context. These are what the walk probes for (see {@code OutboundHeaders}) — one lookup each
   * on every traced outbound call, so only the one per tracer that is never left out.
   */
  static final List<String> TRACE_CONTEXT_PROBES = Collections.unmodifiableList(Arrays.asList(
      "traceparent", "x-b3-traceid", "b3", "x-ot-span-context", "uber-trace-id", "x-cloud-trace-context",
      "x-datadog-trace-id", "sw8", "x-amzn-trace-id"));

  private static volatile LaneSettings current = builder().build();

  private final String[] headers;
  private final String[] carried;
  private final boolean[] traceContext;
  private final boolean[] listValued;
  private final int baggageIndex;
  /** Indexes in {@link #carried()}: lane and plain trace headers, then the trace-context group. */
  private final int[] plainIndexes;
  private final int[] traceContextIndexes;
  private final String[] traceContextProbes;
  private final int b3TraceIdIndex;
  private final int traceparentIndex;
  private final String local;
  private final Set<String> allowed;
  private final boolean debug;
  private final boolean trustInbound;
  private final String mdcLaneKey;
  private final String mdcTraceIdKey;
  private final Lanes localLanes;
  private final String base;
  private final boolean kafkaIsolation;
  private final long isolationCheckMillis;

  private LaneSettings(Builder builder) {
    this.headers = builder.headers.clone();
    List<String> all = new ArrayList<>(Arrays.asList(headers));
    for (String name : builder.traceHeaders) {
      if (!all.contains(name) && !name.equals(BAGGAGE)) {
        all.add(name);
      }
    }
    if (builder.baggage && !all.contains(BAGGAGE)) {
      all.add(BAGGAGE);
    }
    this.carried = all.toArray(new String[0]);
    this.traceContext = new boolean[carried.length];
    this.listValued = new boolean[carried.length];
    Set<String> probes = new LinkedHashSet<>(TRACE_CONTEXT_PROBES);
    for (int i = headers.length; i < carried.length; i++) {
      traceContext[i] = isTraceContext(carried[i]);
      listValued[i] = carried[i].equals("tracestate") || carried[i].equals(BAGGAGE);
      if (traceContext[i] && !TRACE_CONTEXT_HEADERS.contains(carried[i]) && !carried[i].startsWith("x-b3-")) {
        probes.add(carried[i]); // a configured trace-context header of a kind not listed: probe it too
      }
    }
    this.baggageIndex = builder.baggage ? all.indexOf(BAGGAGE) : -1;
    if (baggageIndex >= 0) {
      traceContext[baggageIndex] = false; // baggage is merged with the request's own, never "steps aside"
    }
    this.traceContextProbes = probes.toArray(new String[0]);
    List<Integer> plain = new ArrayList<>();
    List<Integer> group = new ArrayList<>();
    for (int i = 0; i < carried.length; i++) {
      if (traceContext[i]) {
        group.add(i);
      } else if (i != baggageIndex) {
        plain.add(i);
      }
    }
    this.plainIndexes = toArray(plain);
    this.traceContextIndexes = toArray(group);
    this.b3TraceIdIndex = indexAfterLanes(all, "x-b3-traceid");
    this.traceparentIndex = indexAfterLanes(all, "traceparent");
    this.local = builder.local;
    this.allowed = builder.allowed == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(builder.allowed));
    this.debug = builder.debug;
    this.trustInbound = builder.trustInbound;
    this.mdcLaneKey = builder.mdcLaneKey;
    this.mdcTraceIdKey = builder.mdcTraceIdKey;
    this.localLanes = local == null ? Lanes.EMPTY : Lanes.of(local);
    this.base = builder.base;
    this.kafkaIsolation = builder.kafkaIsolation;
    this.isolationCheckMillis = builder.isolationCheckMillis;
  }

  private static int[] toArray(List<Integer> list) {
    int[] array = new int[list.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = list.get(i);
    }
    return array;
  }

  /** The indexes of the lane headers and plain trace headers ({@code x-request-id}) in {@link #carried()}. */
  int[] plainIndexes() {
    return plainIndexes;
  }

  /** The indexes of the trace-context headers in {@link #carried()}. */
  int[] traceContextIndexes() {
    return traceContextIndexes;
  }

  private int indexAfterLanes(List<String> all, String name) {
    int index = all.indexOf(name);
    return index >= headers.length ? index : -1;
  }

  /** Whether {@code name} (lower case) belongs to a trace context (see {@link #TRACE_CONTEXT_HEADERS}). */
  public static boolean isTraceContext(String name) {
    return TRACE_CONTEXT_HEADERS.contains(name) || name.startsWith("x-b3-");
  }

  public static LaneSettings current() {
    return current;
  }

  /** Called once by the agent at start-up (and by tests). */
  public static void install(LaneSettings settings) {
    current = settings;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Lane header names to carry, lower case, the lane header first. Do not modify the array. */
  public String[] headers() {
    return headers;
  }

  /**
   * Every header one unit of work carries, lower case: the lane headers, then the trace headers, then
   * {@code baggage} when {@code lane.baggage} is on. Do not modify the array.
   */
  public String[] carried() {
    return carried;
  }

  /** Whether carried header {@code index} is a lane header (the others are forwarded as they came). */
  public boolean isLane(int index) {
    return index < headers.length;
  }

  /** Whether carried header {@code index} belongs to the trace-context group (see {@link #TRACE_CONTEXT_HEADERS}). */
  public boolean isTraceContext(int index) {
    return traceContext[index];
  }

  /** Whether repeated lines of carried header {@code index} are one comma-separated list (tracestate, baggage). */
  public boolean isListValued(int index) {
    return listValued[index];
  }

  /** The index of {@code baggage} in {@link #carried()}, or -1 when {@code lane.baggage} is off. */
  public int baggageIndex() {
    return baggageIndex;
  }

  /** Names whose presence on an outbound request means a tracer wrote its own trace context. */
  String[] traceContextProbes() {
    return traceContextProbes;
  }

  /** Where {@code x-b3-traceid} and {@code traceparent} are in {@link #carried()} (-1: not carried). */
  int b3TraceIdIndex() {
    return b3TraceIdIndex;
  }

  int traceparentIndex() {
    return traceparentIndex;
  }

  /** The trace headers carried ({@code lane.trace-headers}), without the lane headers and baggage. */
  public List<String> traceHeaders() {
    List<String> trace = new ArrayList<>();
    for (int i = headers.length; i < carried.length; i++) {
      if (i != baggageIndex) {
        trace.add(carried[i]);
      }
    }
    return trace;
  }

  /** {@code lane.baggage}: the lane is also read from and written into W3C {@code baggage}. */
  public boolean baggage() {
    return baggageIndex >= 0;
  }

  /** This pod's own lane ({@code lane.local}), or null. */
  public String local() {
    return local;
  }

  /**
   * The own lane as {@link Lanes}: {@code lane.local} is the value of the first configured header
   * (the lane header); further headers (a user id, say) have no own value, and work without a request
   * has no trace context.
   */
  public Lanes localLanes() {
    return localLanes;
  }

  /** The allow-list of lane values, or null when any valid value is allowed. */
  public Set<String> allowed() {
    return allowed;
  }

  public boolean debug() {
    return debug;
  }

  /**
   * {@code lane.trust-inbound}: false at the edge, where requests come from outside clients whose lane
   * headers must not choose where traffic goes. Such requests then run with the own lane. (Trace headers
   * are not lanes: they are forwarded as they came.)
   */
  public boolean trustInbound() {
    return trustInbound;
  }

  /** {@code lane.mdc.lane-key}: the key under which log events carry the lane. */
  public String mdcLaneKey() {
    return mdcLaneKey;
  }

  /** {@code lane.mdc.trace-id-key}: the key under which log events carry the trace id. */
  public String mdcTraceIdKey() {
    return mdcTraceIdKey;
  }

  /** {@code lane.base}: the base lane, the one Istio's default route goes to (messaging isolation). */
  public String base() {
    return base;
  }

  /**
   * Whether this pod is a base pod for messaging isolation: its own lane is the base lane, or it has
   * none.
   */
  public boolean isBasePod() {
    return local == null || local.equals(base);
  }

  /** {@code lane.kafka.isolation}: each lane's consumers take only their lane's records. */
  public boolean kafkaIsolation() {
    return kafkaIsolation;
  }

  /** {@code lane.kafka.isolation.check-interval} in milliseconds: how often live lane groups are looked up. */
  public long isolationCheckMillis() {
    return isolationCheckMillis;
  }

  @Override
  public String toString() {
    List<String> trace = traceHeaders();
    return "headers=" + Arrays.toString(headers) + ", local=" + (local == null ? "(unset)" : local)
        + ", allowed=" + (allowed == null ? "(any)" : allowed)
        + ", trace-headers=" + (trace.equals(ISTIO_TRACE_HEADERS) ? "istio" : trace.isEmpty() ? "none" : trace.toString())
        + (baggage() ? ", baggage=true" : "")
        + (kafkaIsolation ? ", kafka.isolation=true (base " + base + ", check every " + isolationCheckMillis + " ms)" : "")
        + (trustInbound ? "" : ", trust-inbound=false") + (debug ? ", debug=true" : "");
  }

  public static final class Builder {
    private String[] headers = {DEFAULT_HEADER};
    private List<String> traceHeaders = ISTIO_TRACE_HEADERS;
    private boolean baggage;
    private String local;
    private Set<String> allowed;
    private boolean debug;
    private boolean trustInbound = true;
    private String mdcLaneKey = DEFAULT_MDC_LANE_KEY;
    private String mdcTraceIdKey = DEFAULT_MDC_TRACE_ID_KEY;
    private String base = DEFAULT_BASE;
    private boolean kafkaIsolation;
    private long isolationCheckMillis = DEFAULT_ISOLATION_CHECK_MILLIS;

    private Builder() {}

    public Builder base(String base) {
      this.base = base;
      return this;
    }

    public Builder kafkaIsolation(boolean on, long checkMillis) {
      this.kafkaIsolation = on;
      this.isolationCheckMillis = checkMillis;
      return this;
    }

    public Builder headers(String... names) {
      if (names.length == 0) {
        throw new IllegalArgumentException("at least one header is needed");
      }
      this.headers = lowerCase(names);
      return this;
    }

    /** The trace headers to forward (none for an empty list); a name that is also a lane header is a lane. */
    public Builder traceHeaders(String... names) {
      this.traceHeaders = Arrays.asList(lowerCase(names));
      return this;
    }

    public Builder baggage(boolean baggage) {
      this.baggage = baggage;
      return this;
    }

    public Builder local(String local) {
      this.local = local;
      return this;
    }

    public Builder allowed(Set<String> allowed) {
      this.allowed = allowed;
      return this;
    }

    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    public Builder trustInbound(boolean trustInbound) {
      this.trustInbound = trustInbound;
      return this;
    }

    public Builder mdcKeys(String laneKey, String traceIdKey) {
      this.mdcLaneKey = laneKey;
      this.mdcTraceIdKey = traceIdKey;
      return this;
    }

    public LaneSettings build() {
      return new LaneSettings(this);
    }

    private static String[] lowerCase(String[] names) {
      String[] lower = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        lower[i] = names[i].toLowerCase(Locale.ROOT);
      }
      return lower;
    }
  }
}
