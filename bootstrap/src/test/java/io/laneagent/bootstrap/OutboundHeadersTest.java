package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboundHeadersTest {

  @AfterEach
  void resetSettings() {
    LaneSettings.install(LaneSettings.builder().build());
  }

  /** What an outbound request ends up with: the walk run against {@code request}'s own headers, as advice does. */
  private static Map<String, String> send(Map<String, String> request) {
    Map<String, String> headers = new LinkedHashMap<>(request);
    for (OutboundHeaders out = OutboundHeaders.start("test"); out != null && out.next(); ) {
      String value = out.valueGiven(headers.get(out.name()));
      if (value != null) {
        headers.put(out.name(), value);
      }
    }
    return headers;
  }

  private static List<String> walk() {
    List<String> seen = new ArrayList<>();
    send(new LinkedHashMap<>()).forEach((name, value) -> seen.add(name + "=" + value));
    return seen;
  }

  /** The carried values for {@code name=value} pairs, as an inbound request would have set them. */
  private static Lanes carried(String... pairs) {
    String[] names = LaneSettings.current().carried();
    String[] values = new String[names.length];
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      values[java.util.Arrays.asList(names).indexOf(pair.substring(0, equals))] = pair.substring(equals + 1);
    }
    return Lanes.of(values);
  }

  @Test
  void nothingToSendWithoutLaneOrOwnLane() {
    assertThat(OutboundHeaders.start("test")).isNull();
  }

  @Test
  void walksOnlyHeadersWithAValue() {
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user", "x-tenant").build());
    try (Scope ignored = LaneContext.attach(Lanes.of("gray", null, "acme"))) {
      assertThat(walk()).containsExactly("env=gray", "x-tenant=acme");
    }
  }

  @Test
  void theOwnLaneFillsTheLaneHeader() {
    LaneSettings.install(LaneSettings.builder().headers("env", "x-user").local("prod").build());
    assertThat(walk()).containsExactly("env=prod");
    try (Scope ignored = LaneContext.attach(Lanes.of(null, "alice"))) {
      assertThat(walk()).containsExactly("env=prod", "x-user=alice");
    }
  }

  @Test
  void theApplicationsOwnHeaderWins() {
    try (Scope ignored = LaneContext.attach(carried("env=gray", "x-request-id=abc"))) {
      assertThat(send(Map.of("env", "app", "x-request-id", "mine"))).containsEntry("env", "app")
          .containsEntry("x-request-id", "mine").hasSize(2);
    }
  }

  @Test
  void traceHeadersGoAsTheyCame() {
    try (Scope ignored = LaneContext.attach(carried("env=gray", "x-request-id=r-1", "x-b3-traceid=80f198ee56343ba8",
        "x-b3-sampled=1", "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        "tracestate=congo=t61rcWkgMzE,rojo=00f067aa0ba902b7", "x-ot-span-context=AAEC+/=="))) {
      assertThat(send(new LinkedHashMap<>())).containsExactly(
          Map.entry("env", "gray"), Map.entry("x-request-id", "r-1"), Map.entry("x-b3-traceid", "80f198ee56343ba8"),
          Map.entry("x-b3-sampled", "1"), Map.entry("x-ot-span-context", "AAEC+/=="),
          Map.entry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
          Map.entry("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"));
    }
  }

  /** A tracer wrote any trace-context header: ours steps aside as a group; x-request-id is not trace context. */
  @Test
  void aTraceContextTheRequestHasMakesOursStepAsideAsAGroup() {
    try (Scope ignored = LaneContext.attach(carried("env=gray", "x-request-id=r-1", "x-b3-traceid=80f198ee56343ba8",
        "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))) {
      for (String tracers : new String[] {"traceparent", "b3", "x-b3-traceid", "uber-trace-id", "x-ot-span-context", "sw8"}) {
        Map<String, String> sent = send(Map.of(tracers, "the-tracers"));
        assertThat(sent).as(tracers).containsEntry(tracers, "the-tracers").containsEntry("env", "gray")
            .containsEntry("x-request-id", "r-1").hasSize(3);
      }
    }
  }

  @Test
  void workWithoutARequestSendsNoTraceHeaders() {
    LaneSettings.install(LaneSettings.builder().local("prod").build());
    assertThat(walk()).containsExactly("env=prod");
  }

  @Test
  void noTraceHeadersWhenSwitchedOff() {
    LaneSettings.install(LaneSettings.builder().traceHeaders().build());
    assertThat(LaneSettings.current().carried()).containsExactly("env");
  }

  @Test
  void baggageGetsTheLaneAndKeepsItsOtherMembers() {
    LaneSettings.install(LaneSettings.builder().baggage(true).local("prod").build());
    try (Scope ignored = LaneContext.attach(carried("env=gray", "baggage=userId=alice,env=daily;p=1"))) {
      assertThat(send(new LinkedHashMap<>())).containsEntry("baggage", "userId=alice,env=gray").containsEntry("env", "gray");
    }
    try (Scope ignored = LaneContext.attach(carried("env=gray"))) {
      assertThat(send(new LinkedHashMap<>())).containsEntry("baggage", "env=gray");
      assertThat(send(Map.of("baggage", "k=v"))).as("the app's baggage, with the lane added").containsEntry("baggage", "k=v,env=gray");
      assertThat(send(Map.of("baggage", "env=mine,k=v"))).as("the app's own lane member wins").containsEntry("baggage", "env=mine,k=v");
    }
    assertThat(walk()).as("no request: the own lane").containsExactly("env=prod", "baggage=env=prod");
  }
}
