package io.laneagent.testapp.tomcat;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.servlet.PassThroughFilter;
import io.laneagent.testapp.servlet.ProbeServlet;
import io.laneagent.testapp.servlet.ProxyServlet;
import io.laneagent.testapp.servlet.UserLaneFilter;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat with the probe servlet behind a filter, and a forwarding proxy servlet behind the
 * edge's per-user lane rule ({@link UserLaneFilter}). The same source builds against Tomcat 9
 * (javax) and Tomcat 11 (jakarta): only the servlet module on the class path differs.
 */
public final class TomcatApp {

  public static void main(String[] args) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("lane-test-tomcat").toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);

    Context context = tomcat.addContext("", null);
    Wrapper servlet = Tomcat.addServlet(context, "probe", new ProbeServlet());
    servlet.setAsyncSupported(true);
    for (String path : ProbeServlet.PATHS) {
      context.addServletMappingDecoded(path, "probe");
    }
    Tomcat.addServlet(context, "proxy", new ProxyServlet());
    context.addServletMappingDecoded(ProxyServlet.PATH, "proxy");
    addFilter(context, "pass", definition -> definition.setFilter(new PassThroughFilter()), "/*");
    addFilter(context, "user-lane", definition -> definition.setFilter(new UserLaneFilter()), ProxyServlet.PATH);
    ErrorPage errorPage = new ErrorPage();
    errorPage.setErrorCode(ProbeServlet.ERROR_STATUS);
    errorPage.setLocation("/error-page");
    context.addErrorPage(errorPage);

    tomcat.start();
    Probe.ready(connector.getLocalPort());
    tomcat.getServer().await();
  }

  /** {@code setFilter} sets the instance: it takes javax' Filter on Tomcat 9, jakarta's on Tomcat 11. */
  private static void addFilter(Context context, String name, Consumer<FilterDef> setFilter, String pattern) {
    FilterDef definition = new FilterDef();
    definition.setFilterName(name);
    setFilter.accept(definition);
    definition.setAsyncSupported("true");
    context.addFilterDef(definition);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName(name);
    mapping.addURLPattern(pattern);
    context.addFilterMap(mapping);
  }
}
