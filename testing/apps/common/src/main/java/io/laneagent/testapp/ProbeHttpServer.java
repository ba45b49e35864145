package io.laneagent.testapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The JDK HTTP server the plain (non-Spring) apps take their probe requests on: {@code /probe} → {@link Probe#handle}. */
public final class ProbeHttpServer {

  private ProbeHttpServer() {}

  /** Starts {@code /probe} on a free loopback port, on a pool of {@code threads}. */
  public static HttpServer start(int threads) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/probe", ProbeHttpServer::handle);
    server.setExecutor(Executors.newFixedThreadPool(threads));
    server.start();
    return server;
  }

  /** Answers a probe request with what {@link Probe#handle} returned, or a 500 with what it threw. */
  public static void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    int status = 200;
    try {
      body = Probe.handle(exchange.getRequestURI().getRawQuery()).getBytes(StandardCharsets.UTF_8);
    } catch (Throwable e) { // an Error too: the test should read it, not time out
      status = 500;
      body = e.toString().getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
