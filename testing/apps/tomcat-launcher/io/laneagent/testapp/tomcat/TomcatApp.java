package io.laneagent.testapp.tomcat;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.servlet.PassThroughFilter;
import io.laneagent.testapp.servlet.ProbeServlet;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat with the probe servlet behind a filter. The same source builds against Tomcat 9
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
    FilterDef filter = new FilterDef();
    filter.setFilterName("pass");
    filter.setFilter(new PassThroughFilter());
    filter.setAsyncSupported("true");
    context.addFilterDef(filter);
    FilterMap mapping = new FilterMap();
    mapping.setFilterName("pass");
    mapping.addURLPattern("/*");
    context.addFilterMap(mapping);
    ErrorPage errorPage = new ErrorPage();
    errorPage.setErrorCode(ProbeServlet.ERROR_STATUS);
    errorPage.setLocation("/error-page");
    context.addErrorPage(errorPage);

    tomcat.start();
    Probe.ready(connector.getLocalPort());
    tomcat.getServer().await();
  }
}
