package io.laneagent.testapp.servlet;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;

/**
 * The edge's own business rule (the per-user gray of the source documents): a request of user
 * {@code alice} ({@code x-user: alice}) goes on in lane {@code gray}, by a request wrapper that shows
 * {@code env: gray} to everything behind it — a proxy then forwards that, as the application's own header.
 */
public class UserLaneFilter implements Filter {

  @Override
  public void init(FilterConfig filterConfig) {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    chain.doFilter("alice".equals(http.getHeader("x-user")) ? new InLane(http, "gray") : request, response);
  }

  @Override
  public void destroy() {}

  private static final class InLane extends HttpServletRequestWrapper {
    private final String lane;

    InLane(HttpServletRequest request, String lane) {
      super(request);
      this.lane = lane;
    }

    @Override
    public String getHeader(String name) {
      return "env".equalsIgnoreCase(name) ? lane : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return "env".equalsIgnoreCase(name) ? Collections.enumeration(List.of(lane)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = new ArrayList<>();
      for (String name : Collections.list(super.getHeaderNames())) {
        if (!"env".equalsIgnoreCase(name)) {
          names.add(name);
        }
      }
      names.add("env");
      return Collections.enumeration(names);
    }
  }
}
