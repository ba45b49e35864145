package io.laneagent.testapp.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A naive forwarding proxy, as edge services often have: {@code /proxy?target=<url>} copies every
 * inbound header (but the hop-by-hop ones) onto its call to {@code target}. No lane code: what it
 * copies is whatever the request it is given shows.
 */
public class ProxyServlet extends HttpServlet {

  public static final String PATH = "/proxy";

  private static final long serialVersionUID = 1L;
  private static final Set<String> NOT_COPIED =
      Set.of("host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade");

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String target = request.getParameter("target");
    HttpURLConnection connection = (HttpURLConnection) URI.create(target).toURL().openConnection();
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(10000);
    for (String name : Collections.list(request.getHeaderNames())) {
      if (!NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
        for (String value : Collections.list(request.getHeaders(name))) {
          connection.addRequestProperty(name, value);
        }
      }
    }
    int status = connection.getResponseCode();
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
    response.getOutputStream().write(("proxied: " + status).getBytes(StandardCharsets.UTF_8));
  }
}
