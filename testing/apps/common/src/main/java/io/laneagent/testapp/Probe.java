package io.laneagent.testapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a test app does when asked: call the downstream {@code target} with the chosen {@code client},
 * tagging the call with {@code x-probe-id}. The app itself knows nothing of lanes; only when asked
 * ({@code appHeader}) does it set {@code env} itself, to show the agent leaves it alone.
 */
public final class Probe {

  /** Clients the apps can call with; the tests name them. */
  public static final String URL_CONNECTION = "urlconnection";
  public static final String HTTP_CLIENT = "httpclient";
  public static final String HTTP_CLIENT_ASYNC = "httpclient-async";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Map<String, Caller> CALLERS = new ConcurrentHashMap<>();

  /** A way to call the downstream with a library; returns the status code. */
  @FunctionalInterface
  public interface Caller {
    int call(String target, Map<String, String> headers) throws Exception;
  }

  /** Lets an app offer more clients ({@code client=<name>}) than the JDK's. */
  public static void register(String client, Caller caller) {
    CALLERS.put(client, caller);
  }

  private Probe() {}

  /** Runs a call somewhere else (another thread, a pool) and returns what it returned. */
  @FunctionalInterface
  public interface HandOff {
    String run(Map<String, String> params) throws Exception;
  }

  private static final Map<String, HandOff> HAND_OFFS = new ConcurrentHashMap<>();

  static {
    HAND_OFFS.put("own-loader-thread", OwnLoaderThread::runInOwnLoader);
  }

  /** Lets an app run the call through a hand-off ({@code via=<name>}). */
  public static void registerHandOff(String via, HandOff handOff) {
    HAND_OFFS.put(via, handOff);
  }

  /** Runs the call described by the query string; returns the response body for the caller. */
  public static String handle(String query) throws Exception {
    Map<String, String> params = parse(query);
    String via = params.get("via");
    if (via != null) {
      HandOff handOff = HAND_OFFS.get(via);
      if (handOff == null) {
        throw new IllegalArgumentException("unknown hand-off " + via);
      }
      return handOff.run(params);
    }
    return call(params);
  }

  /** The call itself, on the current thread. */
  public static String call(Map<String, String> params) throws Exception {
    String client = params.getOrDefault("client", URL_CONNECTION);
    String target = params.get("target");
    String id = params.getOrDefault("id", "-");
    if (target == null) {
      return "no call " + id;
    }
    String appHeader = params.get("appHeader");
    String appHeaderName = params.getOrDefault("appHeaderName", "env");
    int status;
    switch (client) {
      case URL_CONNECTION:
        status = viaUrlConnection(target, id, appHeaderName, appHeader);
        break;
      case HTTP_CLIENT:
        status = HTTP.send(request(target, id, appHeaderName, appHeader), HttpResponse.BodyHandlers.discarding())
            .statusCode();
        break;
      case HTTP_CLIENT_ASYNC:
        status = HTTP.sendAsync(request(target, id, appHeaderName, appHeader), HttpResponse.BodyHandlers.discarding())
            .get(10, TimeUnit.SECONDS).statusCode();
        break;
      default:
        Caller caller = CALLERS.get(client);
        if (caller == null) {
          throw new IllegalArgumentException("unknown client " + client);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-probe-id", id);
        if (appHeader != null) {
          headers.put(appHeaderName, appHeader);
        }
        status = caller.call(target, headers);
    }
    return "called " + id + " via " + client + ": " + status;
  }

  private static int viaUrlConnection(String target, String id, String appHeaderName, String appHeader)
      throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(target).toURL().openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(10000);
    connection.setRequestProperty("x-probe-id", id);
    if (appHeader != null) {
      connection.setRequestProperty(appHeaderName, appHeader);
    }
    int status = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      drain(in);
    }
    return status;
  }

  private static HttpRequest request(String target, String id, String appHeaderName, String appHeader) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(target))
        .timeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1)
        .header("x-probe-id", id);
    if (appHeader != null) {
      builder.header(appHeaderName, appHeader);
    }
    return builder.build();
  }

  /** The query string for {@code params} (what {@link #parse} reads back): a message body for the messaging apps. */
  public static String query(Map<String, String> params) {
    java.util.StringJoiner query = new java.util.StringJoiner("&");
    for (Map.Entry<String, String> e : params.entrySet()) {
      query.add(e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  public static Map<String, String> parse(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void drain(InputStream in) throws IOException {
    in.transferTo(new ByteArrayOutputStream());
  }

  /**
   * Prints the line the harness waits for before it sends requests, and ends the app when the
   * harness closes its standard input (so that no app outlives a killed test run).
   */
  public static void ready(int port) {
    System.out.println("LANE-TEST-APP READY port=" + port + " java=" + System.getProperty("java.version"));
    System.out.flush();
    Thread watcher = new Thread(() -> {
      try {
        while (System.in.read() != -1) {
          // the harness sends nothing; wait for end of input
        }
      } catch (IOException ignored) {
        // treat like end of input
      }
      System.exit(0);
    }, "stdin-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
