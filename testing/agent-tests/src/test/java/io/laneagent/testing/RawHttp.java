package io.laneagent.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The test's HTTP client: writes the request bytes itself, so a test can send what real clients
 * refuse to (control characters, conflicting duplicates, oversize values) and what an attacker would.
 */
public final class RawHttp {

  private RawHttp() {}

  /** GET {@code target} with the given header lines ("name: value"), each sent verbatim. */
  public static Response get(int port, String target, String... headerLines) {
    StringBuilder request = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\n")
        .append("Host: 127.0.0.1:").append(port).append("\r\n")
        .append("Connection: close\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    request.append("\r\n");
    return send(port, request.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Sends raw request bytes and reads the whole response. */
  public static Response send(int port, byte[] requestBytes) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(requestBytes);
      out.flush();
      return Response.parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record Response(int status, String head, String body) {

    static Response parse(byte[] bytes) throws IOException {
      String all = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = all.indexOf("\r\n\r\n");
      if (end < 0) {
        throw new IOException("no complete response: " + all);
      }
      String head = all.substring(0, end);
      String[] statusLine = head.split("\r\n", 2)[0].split(" ");
      byte[] rest = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
      boolean chunked = head.toLowerCase().contains("transfer-encoding: chunked");
      String body = new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8);
      return new Response(Integer.parseInt(statusLine[1]), head, body);
    }

    private static byte[] dechunk(byte[] bytes) throws IOException {
      InputStream in = new java.io.ByteArrayInputStream(bytes);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        StringBuilder size = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
          if (c != '\r') {
            size.append((char) c);
          }
        }
        int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
        if (length == 0) {
          return out.toByteArray();
        }
        out.write(in.readNBytes(length));
        in.read(); // CR
        in.read(); // LF
      }
    }
  }
}
