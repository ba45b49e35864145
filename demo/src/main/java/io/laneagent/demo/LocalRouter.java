package io.laneagent.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * Stands in for the sidecars: one loopback port per service host; each request is routed by
 * {@link IstioRouting} to the workload whose labels the chosen subset names, and proxied with all its
 * headers. The router itself forwards nothing it was not sent — like Envoy, it does not know which
 * outbound call belongs to which inbound one. The entry router also starts a trace where a request has
 * none, as Istio's ingress gateway does ({@code x-request-id} and B3 headers): whether the next hops see
 * the same trace id is up to the services, that is, the agent.
 */
final class LocalRouter implements AutoCloseable {

  /** A running workload: its labels and where it listens. */
  record Workload(Map<String, String> labels, int port) {}

  private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade");

  private final HttpServer server;
  private final boolean entry;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private LocalRouter(HttpServer server, boolean entry) {
    this.server = server;
    this.entry = entry;
  }

  /**
   * Listens for {@code host} and routes to {@code workloads} (those with label app = the service's app);
   * {@code entry}: the router in front of the first service, which starts a trace where there is none.
   */
  static LocalRouter start(String host, IstioRouting routing, List<Workload> workloads, boolean entry) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    LocalRouter router = new LocalRouter(server, entry);
    server.createContext("/", exchange -> router.forward(exchange, host, routing, workloads));
    // one thread per proxied exchange (each blocks until the workload answers): the load test drives
    // 200 concurrent requests through it, like an Envoy sidecar would take them
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    return router;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void forward(HttpExchange exchange, String host, IstioRouting routing, List<Workload> workloads) throws IOException {
    byte[] body;
    int status;
    try {
      Map<String, String> headers = new TreeMap<>();
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
      Map<String, String> labels = routing.route(host, headers);
      Workload target = workloads.stream()
          .filter(w -> w.labels().entrySet().containsAll(labels.entrySet()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no workload of " + host + " has labels " + labels));
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + exchange.getRequestURI()))
          .timeout(Duration.ofSeconds(30));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
          values.forEach(value -> request.header(name, value));
        }
      });
      if (entry && !headers.containsKey("x-b3-traceid")) {
        startTrace(request, headers.containsKey("x-request-id"));
      }
      HttpResponse<byte[]> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      status = response.statusCode();
      body = response.body();
    } catch (Exception e) {
      status = 502;
      body = ("router: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** What the ingress gateway's Envoy adds to a request that comes without a trace. */
  private static void startTrace(HttpRequest.Builder request, boolean hasRequestId) {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    if (!hasRequestId) {
      request.header("x-request-id", java.util.UUID.randomUUID().toString());
    }
    request.header("x-b3-traceid", String.format("%016x%016x", random.nextLong(), random.nextLong()));
    request.header("x-b3-spanid", String.format("%016x", random.nextLong()));
    request.header("x-b3-sampled", "1");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
