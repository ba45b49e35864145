package io.laneagent.testing;

import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
 * repeated headers — sent to a JDK HttpServer, Tomcat 11 and a WebFlux app (reactor-netty), each also
 * running without the agent. The server answers exactly as it does without the agent (the same status,
 * or the same refusal by closing the connection — never a hang, a dropped connection or a 5xx the agent
 * caused); whatever a server accepts, the downstream call that follows carries exactly one lane header,
 * with a value that is safe on the wire (or the own lane), at most one {@code x-b3-traceid} of visible ASCII
 * (the same bytes are sent as a trace header too), and never a header the client smuggled in.
 * A good share of the tries must reach the downstream, or the property proves nothing.
 */
class HostileHeadersPropertyTest {

  private static final TestApp[] APPS = {TestApp.JDK_HTTPSERVER, TestApp.TOMCAT_11_JAKARTA, TestApp.WEBFLUX_NEWEST};
  private static final Map<TestApp, AppJvm> STARTED = new EnumMap<>(TestApp.class);
  private static final Map<TestApp, AppJvm> WITHOUT_AGENT = new EnumMap<>(TestApp.class);
  private static Downstream downstream;
  /** Longer than any server takes to answer a small request here; reaching it is a hang, and fails. */
  private static final int READ_TIMEOUT_MILLIS = 15_000;

  private static synchronized void startAll() {
    if (downstream == null) {
      try {
        downstream = new Downstream();
        STARTED.putAll(SharedStart.all(APPS, a -> app(a).env("LANE_LOCAL", "prod")));
        WITHOUT_AGENT.putAll(SharedStart.all(APPS, a -> app(a).withoutAgent()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static AppJvm.Builder app(TestApp app) {
    return AppJvm.of(app).args("--server.port=0", "--server.address=127.0.0.1", "--downstream.url=" + downstream.url(""),
        "--spring.main.banner-mode=off");
  }

  @AfterContainer
  static void stop() throws Exception {
    STARTED.values().forEach(AppJvm::close);
    WITHOUT_AGENT.values().forEach(AppJvm::close);
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
  void theServerAnswersAsWithoutTheAgentAndTheDownstreamSeesOneSafeLane(@ForAll("server") TestApp server,
      @ForAll("hostileValue") String value, @ForAll @IntRange(min = 1, max = 4) int repeats,
      @ForAll boolean otherSpelling) {
    startAll();
    String client = server == TestApp.WEBFLUX_NEWEST ? "webclient" : Probes.URL_CONNECTION;
    String id = newId();
    String withoutId = newId();
    String outcome = send(STARTED.get(server), request(server, STARTED.get(server), client, id, value, repeats, otherSpelling));
    String without = send(WITHOUT_AGENT.get(server),
        request(server, WITHOUT_AGENT.get(server), client, withoutId, value, repeats, otherSpelling));
    Statistics.label("outcome").collect(server, outcome);
    assertThat(outcome).as("%s with the agent answered otherwise than without it", server).isEqualTo(without);
    boolean reached = outcome.equals("200");
    Statistics.label("reached the downstream").collect(server, reached);
    if (reached) {
      Downstream.Received received = downstream.await(id, Duration.ofSeconds(20));
      List<String> lanes = received.values("env");
      assertThat(lanes).as("%s: %s", server, received).hasSize(1);
      assertThat(lanes.get(0)).matches("[A-Za-z0-9._-]{1,128}");
      List<String> traceIds = received.values("x-b3-traceid");
      assertThat(traceIds).as("%s: %s", server, received).hasSizeLessThanOrEqualTo(1)
          .allMatch(traceId -> traceId.matches("[\\x20-\\x7e]{1,8192}"));
      assertThat(received.values("x-injected")).as("%s: %s", server, received).isEmpty();
      // a folded line a server joined into one value may be forwarded inside that value; never as a line
      assertThat(received.rawHead().lines()).as("%s: %s", server, received)
          .noneMatch(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("x-injected"));
    } else {
      // the server refused the request itself, as it does without the agent: nothing may have gone on
      assertThat(downstream.received(id)).as("%s refused the request but called on", server).isFalse();
    }
    Statistics.label("reached the downstream").coverage(coverage -> {
      for (TestApp app : APPS) {
        coverage.check(app, true).percentage(p -> p >= 8);
      }
    });
  }

  private static byte[] request(TestApp server, AppJvm app, String client, String id, String value, int repeats,
      boolean otherSpelling) {
    StringBuilder request = new StringBuilder("GET ").append(probe(downstream, client, id))
        .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(app.port()).append("\r\nConnection: close\r\n");
    for (int i = 0; i < repeats; i++) {
      request.append(otherSpelling ? "ENV" : "env").append(": ").append(value).append("\r\n");
      // a trace header too: forwarded byte for byte when it is visible ASCII, else not at all
      request.append(otherSpelling ? "X-B3-TraceId" : "x-b3-traceid").append(": ").append(value).append("\r\n");
    }
    request.append("\r\n");
    return request.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * The status code, or {@code closed} when the server closed or reset the connection without a whole
   * response (how servers refuse some malformed requests). A read that times out is a hang: it fails.
   */
  private static String send(AppJvm app, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.port())) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      byte[] answer;
      try {
        answer = socket.getInputStream().readAllBytes();
      } catch (SocketTimeoutException hang) {
        throw new AssertionError(app + " did not answer within " + READ_TIMEOUT_MILLIS + " ms", hang);
      } catch (SocketException reset) {
        return "closed";
      }
      String head = new String(answer, StandardCharsets.ISO_8859_1);
      if (!head.startsWith("HTTP/1.") || head.indexOf("\r\n\r\n") < 0) {
        return "closed";
      }
      return head.split(" ", 3)[1];
    } catch (IOException e) {
      throw new UncheckedIOException("could not send to " + app, e);
    }
  }
}
