package io.laneagent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The next hop: a raw HTTP/1.1 server on loopback that records every request head exactly as it
 * arrived on the wire (header lines in order, duplicates kept), keyed by the {@code x-probe-id} header
 * the test apps put on their calls. It answers 200 and closes the connection.
 */
public final class Downstream implements AutoCloseable {

  private final ServerSocket socket;
  private final String scheme;
  private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "downstream");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, CompletableFuture<Received>> byId = new ConcurrentHashMap<>();

  public Downstream() throws IOException {
    this(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()), "http");
  }

  private Downstream(ServerSocket socket, String scheme) {
    this.socket = socket;
    this.scheme = scheme;
    workers.execute(this::acceptLoop);
  }

  /** The same over TLS, with {@code certificate}'s key: {@link #url} is then an https URL. */
  public static Downstream https(TestCertificate certificate) throws IOException {
    return new Downstream(certificate.serverContext().getServerSocketFactory()
        .createServerSocket(0, 200, InetAddress.getLoopbackAddress()), "https");
  }

  /** {@code http://127.0.0.1:<port>} (or https) followed by {@code path} (empty for the base URL). */
  public String url(String path) {
    return scheme + "://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** The request tagged {@code id}; fails if it does not arrive within {@code timeout}. */
  public Received await(String id, Duration timeout) {
    try {
      return slot(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no request with x-probe-id " + id + " reached the downstream within " + timeout, e);
    }
  }

  /**
   * Whether a request tagged {@code id} has arrived, without waiting: for checking that a call was
   * <em>not</em> made, after the app has answered (the downstream records a request before it answers it).
   */
  public boolean received(String id) {
    CompletableFuture<Received> slot = byId.get(id);
    return slot != null && slot.isDone();
  }

  /** How long {@link #await(String)} waits. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

  public Received await(String id) {
    return await(id, DEFAULT_WAIT);
  }

  private CompletableFuture<Received> slot(String id) {
    return byId.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        workers.execute(() -> serve(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(20_000);
      InputStream in = connection.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      Received received = Received.parse(head);
      String length = received.first("content-length");
      if (length != null) {
        in.readNBytes(Integer.parseInt(length.trim()));
      }
      // recorded before answering: once the caller has its answer, received(id) is true
      String id = received.first("x-probe-id");
      if (id != null) {
        slot(id).complete(received);
      }
      OutputStream out = connection.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    } catch (IOException | RuntimeException e) {
      // a broken client connection is the client's problem; the test sees the missing record
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
      if (head.size() > 65_536) {
        throw new IOException("request head too large");
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    workers.shutdownNow();
  }

  /** One request as it arrived: its request line and its header lines, in order. */
  public static final class Received {
    private final String requestLine;
    private final List<String[]> headers;
    private final String rawHead;

    private Received(String requestLine, List<String[]> headers, String rawHead) {
      this.requestLine = requestLine;
      this.headers = headers;
      this.rawHead = rawHead;
    }

    static Received parse(String head) {
      String[] lines = head.split("\r\n");
      List<String[]> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).trim()});
        }
      }
      return new Received(lines[0], headers, head);
    }

    /** Every value of header {@code name} (case-insensitive), one per header line. */
    public List<String> values(String name) {
      List<String> values = new ArrayList<>();
      for (String[] header : headers) {
        if (header[0].toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
          values.add(header[1]);
        }
      }
      return values;
    }

    public String first(String name) {
      List<String> values = values(name);
      return values.isEmpty() ? null : values.get(0);
    }

    public String requestLine() {
      return requestLine;
    }

    public String rawHead() {
      return rawHead;
    }

    @Override
    public String toString() {
      return rawHead;
    }
  }
}
