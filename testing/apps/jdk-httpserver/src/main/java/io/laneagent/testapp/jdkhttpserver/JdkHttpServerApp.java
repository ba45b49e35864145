package io.laneagent.testapp.jdkhttpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.laneagent.testapp.Probe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** {@code com.sun.net.httpserver} with a user filter in front of the handler, on a small pool. */
public final class JdkHttpServerApp {

  public static void main(String[] args) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/probe", JdkHttpServerApp::probe).getFilters().add(new PassThroughFilter());
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
