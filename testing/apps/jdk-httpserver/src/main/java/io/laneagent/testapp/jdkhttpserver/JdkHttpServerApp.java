package io.laneagent.testapp.jdkhttpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.laneagent.testapp.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** {@code com.sun.net.httpserver} with a user filter in front of the probe handler, and a proxy handler, on a small pool. */
public final class JdkHttpServerApp {

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/probe", JdkHttpServerApp::probe).getFilters().add(new PassThroughFilter());
    server.createContext("/proxy", JdkHttpServerApp::proxy);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    Probe.ready(server.getAddress().getPort());
  }

  private static void probe(HttpExchange exchange) throws IOException {
    byte[] body;
    int status = 200;
    try {
      body = Probe.handle(exchange.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      status = 500;
      body = e.toString().getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * A naive forwarding proxy: {@code /proxy?target=<url>} copies every inbound header (but the hop-by-hop
   * ones) onto its call to {@code target}. No lane code.
   */
  private static void proxy(HttpExchange exchange) throws IOException {
    String target = Probe.parse(exchange.getRequestURI().getRawQuery()).get("target");
    HttpURLConnection connection = (HttpURLConnection) URI.create(target).toURL().openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(10000);
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(value -> connection.addRequestProperty(name, value));
      }
    });
    int status = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
    byte[] body = ("proxied: " + status).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static final Set<String> NOT_COPIED =
      Set.of("host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade");

  private static final class PassThroughFilter extends Filter {
    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
      chain.doFilter(exchange);
    }

    @Override
    public String description() {
      return "pass-through";
    }
  }
}
