package io.laneagent.testapp.servlet;

import io.laneagent.testapp.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Mapped to {@link #PATHS}. {@code /probe?mode=…} reaches the downstream call by the dispatch the test
 * asks for: directly, through a forward or include to {@code /inner}, through the container's error
 * page (an ERROR dispatch after the request's own dispatch ended), on an {@code AsyncContext.start}
 * thread, or in an ASYNC dispatch.
 */
public class ProbeServlet extends HttpServlet {

  public static final String[] PATHS = {"/probe", "/inner", "/error-page"};
  /** The status the error mode sends; containers map it to {@code /error-page}. */
  public static final int ERROR_STATUS = 555;

  private static final long serialVersionUID = 1L;
  private static final String QUERY = "probe.query";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    if (!"/probe".equals(request.getServletPath()) || request.getDispatcherType() != DispatcherType.REQUEST) {
      call(request, response); // /inner, /error-page, or the ASYNC dispatch
      return;
    }
    request.setAttribute(QUERY, request.getQueryString());
    String mode = Probe.parse(request.getQueryString()).getOrDefault("mode", "plain");
    switch (mode) {
      case "plain":
        call(request, response);
        break;
      case "forward":
        request.getRequestDispatcher("/inner").forward(request, response);
        break;
      case "include":
        request.getRequestDispatcher("/inner").include(request, response);
        break;
      case "error":
        response.sendError(ERROR_STATUS);
        break;
      case "async": {
        AsyncContext async = request.startAsync();
        async.start(() -> {
          try {
            call((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse());
          } catch (IOException e) {
            throw new IllegalStateException(e);
          } finally {
            async.complete();
          }
        });
        break;
      }
      case "async-dispatch":
        request.startAsync().dispatch("/inner");
        break;
      default:
        response.sendError(400, "unknown mode " + mode);
    }
  }

  private static void call(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object query = request.getAttribute(QUERY);
    String body;
    try {
      body = Probe.handle(query != null ? (String) query : request.getQueryString());
    } catch (Exception e) {
      body = "failed: " + e;
    }
    response.setStatus(200);
    response.setContentType("text/plain");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
