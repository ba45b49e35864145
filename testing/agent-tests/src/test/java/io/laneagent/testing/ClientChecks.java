package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

/** The two checks every outbound client gets, through an app started with {@code LANE_LOCAL=ownLane}. */
final class ClientChecks {

  private ClientChecks() {}

  /** With a lane, without one (the own lane then), and with another: each arrives exactly once. */
  static void laneArrivesExactlyOnce(AppJvm app, Downstream downstream, String client, String ownLane) {
    for (String lane : new String[] {"gray", null, "daily"}) {
      String id = newId();
      RawHttp.Response response = app.get(probe(downstream, client, id), laneHeader(lane));
      assertThat(response.body()).as(app.output()).isEqualTo("called " + id + " via " + client + ": 200");
      Downstream.Received received = downstream.await(id);
      assertThat(received.values("env")).as("%s %s\n%s", client, lane, received)
          .containsExactly(lane == null ? ownLane : lane);
    }
  }

  /** The application sets the header itself (under each of {@code names}): its value goes, alone. */
  static void applicationHeaderWins(AppJvm app, Downstream downstream, String client, String... names) {
    for (String name : names) {
      String id = newId();
      app.get(probe(downstream, client, id, "appHeader=app-chosen", "appHeaderName=" + name), laneHeader("gray"));
      assertThat(downstream.await(id).values("env")).as("%s %s", client, name).containsExactly("app-chosen");
    }
  }

  /**
   * A request through one of the gateway's routes ({@code path}), in {@code lane} (none for null), with more
   * header lines; the {@code env} values the downstream received.
   */
  static java.util.List<String> throughGateway(AppJvm gateway, Downstream downstream, String path, String lane,
      String... more) {
    String id = newId();
    java.util.List<String> headers = new java.util.ArrayList<>(java.util.List.of(laneHeader(lane)));
    headers.add("x-probe-id: " + id);
    headers.addAll(java.util.List.of(more));
    RawHttp.Response response = gateway.get(path, headers.toArray(new String[0]));
    assertThat(response.status()).as(gateway.output()).isEqualTo(200);
    return downstream.await(id).values("env");
  }
}
