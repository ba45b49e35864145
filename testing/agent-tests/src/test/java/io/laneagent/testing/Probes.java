package io.laneagent.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds the {@code /probe} requests the test apps understand (see the apps' Probe class). */
public final class Probes {

  public static final String URL_CONNECTION = "urlconnection";
  public static final String HTTP_CLIENT = "httpclient";
  public static final String HTTP_CLIENT_ASYNC = "httpclient-async";
  public static final String[] CLIENTS = {URL_CONNECTION, HTTP_CLIENT, HTTP_CLIENT_ASYNC};

  private Probes() {}

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** {@code /probe?client=…&target=…&id=…} plus extra {@code key=value} pairs. */
  public static String probe(Downstream downstream, String client, String id, String... extra) {
    StringBuilder target = new StringBuilder("/probe?client=").append(client)
        .append("&target=").append(URLEncoder.encode(downstream.url("/next"), StandardCharsets.UTF_8))
        .append("&id=").append(id);
    for (String pair : extra) {
      target.append('&').append(pair);
    }
    return target.toString();
  }

  /** Every app with every client, as parameterized-test arguments. */
  public static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyAppEveryClient(
      TestApp[] apps, String... clients) {
    java.util.List<org.junit.jupiter.params.provider.Arguments> cases = new java.util.ArrayList<>();
    for (TestApp app : apps) {
      for (String client : clients) {
        cases.add(org.junit.jupiter.params.provider.Arguments.of(app, client));
      }
    }
    return cases.stream();
  }

  /** The header lines for a request in {@code lane}; none for a null lane. */
  /**
   * A probe through {@code app} (the call after a message or an RPC: {@code params}), sent with
   * {@code headerLines}; its answer must be {@code answer} ({@code {id}} standing for the probe's id), or
   * start with it where it ends in {@code …}. Returns what the downstream got for it.
   */
  public static Downstream.Received nextHop(AppJvm app, Downstream downstream, java.util.List<String> params,
      java.util.List<String> headerLines, String answer, java.time.Duration within, String... otherOutputs) {
    String id = newId();
    RawHttp.Response response = app.get(probe(downstream, URL_CONNECTION, id, params.toArray(new String[0])),
        headerLines.toArray(new String[0]));
    String expected = answer.replace("{id}", id);
    org.assertj.core.api.AbstractStringAssert<?> body = org.assertj.core.api.Assertions.assertThat(response.body())
        .as("%s\n%s", app.output(), String.join("\n", otherOutputs));
    if (expected.endsWith("…")) {
      body.startsWith(expected.substring(0, expected.length() - 1));
    } else {
      body.isEqualTo(expected);
    }
    return downstream.await(id, within);
  }

  /**
   * Through every JDK client of {@code app}, a request in lane gray and one without a lane: the next hop gets
   * {@code gray}, and {@code ownLane} for the request without one.
   */
  public static void assertLanesPropagate(AppJvm app, Downstream downstream, String ownLane) {
    for (String client : CLIENTS) {
      for (String lane : new String[] {"gray", null}) {
        String id = newId();
        app.get(probe(downstream, client, id), laneHeader(lane));
        org.assertj.core.api.Assertions.assertThat(downstream.await(id).values("env")).as("%s %s", client, lane)
            .containsExactly(lane == null ? ownLane : lane);
      }
    }
  }

  public static String[] laneHeader(String lane) {
    return lane == null ? new String[0] : new String[] {"env: " + lane};
  }
}
