package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.context.Scope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogLanesTest {

  private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @AfterEach
  void resetSettings() {
    LaneSettings.install(LaneSettings.builder().build());
  }

  private static Lanes carried(String lane, String traceparent) {
    String[] names = LaneSettings.current().carried();
    String[] values = new String[names.length];
    values[0] = lane;
    values[java.util.Arrays.asList(names).indexOf("traceparent")] = traceparent;
    return Lanes.of(values);
  }

  @Test
  void outsideALaneWithoutAnOwnLaneTheMapIsUntouched() {
    Map<String, String> mdc = Map.of("user", "alice");
    assertThat(LogLanes.current()).isSameAs(Lanes.EMPTY);
    assertThat(LogLanes.withLanes(mdc, LogLanes.current())).isSameAs(mdc);
  }

  @Test
  void theLaneAndTraceIdAreAddedToTheEventsCopy() {
    Map<String, String> mdc = new LinkedHashMap<>(Map.of("user", "alice"));
    try (Scope ignored = LaneContext.attach(carried("gray", TRACEPARENT))) {
      Map<String, String> tagged = LogLanes.withLanes(mdc, LogLanes.current());
      assertThat(tagged).containsExactlyInAnyOrderEntriesOf(
          Map.of("user", "alice", "lane", "gray", "traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
      assertThat(tagged).hasSize(3).containsKey("lane").doesNotContainKey("other");
      assertThat(new HashMap<>(tagged)).isEqualTo(tagged);
      assertThat(mdc).containsOnlyKeys("user"); // the application's map is never changed
      assertThatThrownBy(() -> tagged.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void theApplicationsOwnKeysWin() {
    try (Scope ignored = LaneContext.attach(carried("gray", TRACEPARENT))) {
      Map<String, String> own = Map.of("lane", "mine", "traceId", "theirs");
      assertThat(LogLanes.withLanes(own, LogLanes.current())).isSameAs(own);
      Map<String, String> laneOnly = Map.of("lane", "mine");
      assertThat(LogLanes.withLanes(laneOnly, LogLanes.current()))
          .containsExactlyInAnyOrderEntriesOf(Map.of("lane", "mine", "traceId", "4bf92f3577b34da6a3ce929d0e0e4736"));
    }
  }

  @Test
  void withoutARequestTheOwnLaneIsLogged() {
    LaneSettings.install(LaneSettings.builder().local("prod").build());
    assertThat(LogLanes.withLanes(null, LogLanes.current())).containsExactly(Map.entry("lane", "prod"));
  }

  @Test
  void keysAreConfigurable() {
    LaneSettings.install(LaneSettings.builder().mdcKeys("x.lane", "trace_id").build());
    try (Scope ignored = LaneContext.attach(carried("daily", TRACEPARENT))) {
      assertThat(LogLanes.withLanes(Collections.emptyMap(), LogLanes.current())).containsOnlyKeys("x.lane", "trace_id");
    }
  }

  @Test
  void theB3TraceIdComesFirst() {
    String[] names = LaneSettings.current().carried();
    String[] values = new String[names.length];
    values[0] = "gray";
    values[java.util.Arrays.asList(names).indexOf("x-b3-traceid")] = "80f198ee56343ba864fe8b2a57d3eff7";
    values[java.util.Arrays.asList(names).indexOf("traceparent")] = TRACEPARENT;
    try (Scope ignored = LaneContext.attach(Lanes.of(values))) {
      assertThat(LogLanes.withLanes(null, LogLanes.current())).containsEntry("traceId", "80f198ee56343ba864fe8b2a57d3eff7");
    }
  }

  @Test
  void aTaggedMapSerialisesAsAPlainHashMap() throws Exception {
    Map<String, String> tagged;
    try (Scope ignored = LaneContext.attach(carried("gray", null))) {
      tagged = LogLanes.withLanes(new HashMap<>(Map.of("user", "alice")), LogLanes.current());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(tagged);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Object read = in.readObject();
      assertThat(read).isInstanceOf(HashMap.class).isEqualTo(Map.of("user", "alice", "lane", "gray"));
    }
  }
}
