package io.laneagent.testing;

import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property-based, under the real agent jar: raw requests whose lane headers hold arbitrary bytes —
 * CR/LF and header-splitting attempts, control characters, Latin-1 and UTF-8 bytes, huge values,
 * repeated headers — sent to a JDK HttpServer, Tomcat 11 and a WebFlux app (reactor-netty). Whatever a
 * server accepts, the downstream call that follows carries exactly one lane header, with a value that is
 * safe on the wire (or the own lane), and never a header the client smuggled in; the agent never turns a
 * request into a server error.
 */
class HostileHeadersPropertyTest {

  private static final TestApp[] APPS = {TestApp.JDK_HTTPSERVER, TestApp.TOMCAT_11_JAKARTA, TestApp.WEBFLUX_NEWEST};
  private static final Map<TestApp, AppJvm> STARTED = new EnumMap<>(TestApp.class);
  private static Downstream downstream;

  private static synchronized AppJvm app(TestApp app) {
    if (downstream == null) {
      try {
        downstream = new Downstream();
        STARTED.putAll(SharedStart.all(APPS, a -> AppJvm.of(a).env("LANE_LOCAL", "prod")
            .args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + downstream.url(""),
                "--spring.main.banner-mode=off")));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return STARTED.get(app);
  }

  @AfterContainer
  static void stop() throws Exception {
    STARTED.values().forEach(AppJvm::close);
    if (downstream != null) {
      downstream.close();
    }
  }

  /** Header values as raw bytes (ISO-8859-1 chars), with the characters attackers use. */
  @Provide
  Arbitrary<String> hostileValue() {
    Arbitrary<String> anyByte = Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(200);
    Arbitrary<String> nearlyValid = Arbitraries.strings().withChars("gray019._-\r\n\t \u0000\u007f:;,=\"%")
        .ofMaxLength(140);
    Arbitrary<String> utf8 = Arbitraries.strings().all().ofMaxLength(40)
        .map(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    Arbitrary<String> splitting = Arbitraries.of("gray\r\nx-injected: 1", "gray\nx-injected: 1",
        "gray\r\n x-injected: 1", "gray\r\n\r\nGET /x HTTP/1.1\r\nx-injected: 1", "gray\rx-injected: 1");
    Arbitrary<String> huge = Arbitraries.strings().withChars("ab").ofMinLength(129).ofMaxLength(20_000);
    return Arbitraries.oneOf(anyByte, nearlyValid, utf8, splitting, huge);
  }

  @Provide
  Arbitrary<TestApp> server() {
    return Arbitraries.of(APPS);
  }

  @Property(tries = 600)
  void theDownstreamSeesOneSafeLaneAndNothingSmuggled(@ForAll("server") TestApp server,
      @ForAll("hostileValue") String value, @ForAll @IntRange(min = 1, max = 4) int repeats,
      @ForAll boolean otherSpelling) {
    AppJvm app = app(server);
    String id = newId();
    String client = server == TestApp.WEBFLUX_NEWEST ? "webclient" : Probes.URL_CONNECTION;
    StringBuilder request = new StringBuilder("GET ").append(probe(downstream, client, id))
        .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(app.port()).append("\r\nConnection: close\r\n");
    for (int i = 0; i < repeats; i++) {
      request.append(otherSpelling ? "ENV" : "env").append(": ").append(value).append("\r\n");
    }
    request.append("\r\n");
    RawHttp.Response response;
    try {
      response = RawHttp.send(app.port(), request.toString().getBytes(StandardCharsets.ISO_8859_1));
    } catch (UncheckedIOException rejected) {
      Statistics.label("outcome").collect(server, "closed");
      return; // the server closed the connection: nothing went downstream
    }
    Statistics.label("outcome").collect(server, response.status());
    assertThat(response.status()).as("%s answered %s", server, response.head()).isLessThan(500);
    if (response.status() != 200) {
      return; // the server refused the request itself (400, 431, …): nothing went downstream
    }
    Downstream.Received received = downstream.await(id, Duration.ofSeconds(20));
    List<String> lanes = received.values("env");
    assertThat(lanes).as("%s: %s", server, received).hasSize(1);
    assertThat(lanes.get(0)).matches("[A-Za-z0-9._-]{1,128}");
    assertThat(received.values("x-injected")).as("%s: %s", server, received).isEmpty();
    assertThat(received.rawHead()).doesNotContain("x-injected");
  }
}
