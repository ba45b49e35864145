package io.laneagent.testapp.jetty;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.servlet.PassThroughFilter;
import io.laneagent.testapp.servlet.ProbeServlet;
import java.util.EnumSet;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** Embedded Jetty 12 (ee10, jakarta) with the probe servlet behind a filter. */
public final class JettyApp {

  public static void main(String[] args) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.setContextPath("/");
    ServletHolder servlet = new ServletHolder(new ProbeServlet());
    servlet.setAsyncSupported(true);
    for (String path : ProbeServlet.PATHS) {
      context.addServlet(servlet, path);
    }
    FilterHolder filter = new FilterHolder(new PassThroughFilter());
    filter.setAsyncSupported(true);
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
    errors.addErrorPage(ProbeServlet.ERROR_STATUS, "/error-page");
    context.setErrorHandler(errors);

    server.setHandler(context);
    server.start();
    Probe.ready(connector.getLocalPort());
    server.join();
  }
}
