package io.laneagent.testapp.servlet;

import io.laneagent.testapp.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A filter in front of the servlet, as every real application has: the filter is the outermost entry.
 * With {@code mode=filter} it makes the downstream call itself and never reaches the servlet, which
 * shows the lane is set before any servlet runs.
 */
public class PassThroughFilter implements Filter {

  @Override
  public void init(FilterConfig filterConfig) {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (http.getDispatcherType() == DispatcherType.REQUEST
        && "filter".equals(Probe.parse(http.getQueryString()).get("mode"))) {
      String body;
      try {
        body = Probe.handle(http.getQueryString());
      } catch (Exception e) {
        body = "failed: " + e;
      }
      response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      return;
    }
    chain.doFilter(request, response);
  }

  @Override
  public void destroy() {}
}
