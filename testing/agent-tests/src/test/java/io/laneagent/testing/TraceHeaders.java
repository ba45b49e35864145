package io.laneagent.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Istio's tracing headers as a sidecar hands them to a service, for the trace-context tests of every transport. */
final class TraceHeaders {

  private TraceHeaders() {}

  static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  static final String PARENT_ID = "b7ad6b7169203331";
  static final String B3_TRACE_ID = "80f198ee56343ba864fe8b2a57d3eff7";

  /** The Istio list with values as tracers write them (the tracestate split over two lines on the way in). */
  static final Map<String, String> ISTIO = new LinkedHashMap<>();

  static {
    ISTIO.put("x-request-id", "3f6e2a10-8c1d-4e0b;a=b/c+d");
    ISTIO.put("x-b3-traceid", B3_TRACE_ID);
    ISTIO.put("x-b3-spanid", "e457b5a2e4d86bd1");
    ISTIO.put("x-b3-parentspanid", "05e3ac9a4f6e3b90");
    ISTIO.put("x-b3-sampled", "1");
    ISTIO.put("x-b3-flags", "1");
    ISTIO.put("x-ot-span-context", "AAEC+/8=dGVzdA==");
    ISTIO.put("traceparent", "00-" + TRACE_ID + "-" + PARENT_ID + "-01");
    ISTIO.put("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
  }

  /** The header lines a traced request arrives with (Istio's sidecar wrote them). */
  static List<String> tracedRequest(String lane) {
    List<String> lines = new ArrayList<>();
    if (lane != null) {
      lines.add("env: " + lane);
    }
    ISTIO.forEach((name, value) -> {
      if (name.equals("tracestate")) {
        lines.add("tracestate: congo=t61rcWkgMzE");
        lines.add("TraceState: rojo=00f067aa0ba902b7");
      } else {
        lines.add(name + ": " + value);
      }
    });
    return lines;
  }

  /** Every header of the list arrived exactly once, byte for byte. */
  static void assertAllArrived(Downstream.Received received) {
    ISTIO.forEach((name, value) -> org.assertj.core.api.Assertions.assertThat(received.values(name))
        .as("%s\n%s", name, received).containsExactly(value));
  }

  /**
   * Through {@code hop} (a request with these header lines in, what the next hop got out): a traced request in
   * lane gray brings the lane and every header of the list; a request without trace headers brings none.
   */
  static void assertCarriedThrough(java.util.function.Function<List<String>, Downstream.Received> hop) {
    Downstream.Received traced = hop.apply(tracedRequest("gray"));
    org.assertj.core.api.Assertions.assertThat(traced.values("env")).as(traced.toString()).containsExactly("gray");
    assertAllArrived(traced);
    Downstream.Received untraced = hop.apply(List.of("env: daily"));
    ISTIO.keySet().forEach(name -> org.assertj.core.api.Assertions.assertThat(untraced.values(name))
        .as("%s\n%s", name, untraced).isEmpty());
  }

  /**
   * A console log pattern for Spring Boot apps ({@code --logging.pattern.console=…}) that shows the MDC's lane
   * and trace id as {@code LOG[<lane>|<trace id>] <message>}; see {@link #logLine}.
   */
  static final String LOG_PATTERN = "--logging.pattern.console=LOG[%X{lane:-}|%X{traceId:-}] %m%n";

  /** The line {@link #LOG_PATTERN} prints for {@code message} logged in {@code lane} with {@code traceId} (or none). */
  static String logLine(String lane, String traceId, String message) {
    return "LOG[" + lane + "|" + (traceId == null ? "" : traceId) + "] " + message;
  }
}
