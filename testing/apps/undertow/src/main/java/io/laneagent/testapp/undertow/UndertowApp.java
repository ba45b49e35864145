package io.laneagent.testapp.undertow;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.servlet.PassThroughFilter;
import io.laneagent.testapp.servlet.ProbeServlet;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ErrorPage;
import jakarta.servlet.DispatcherType;
import java.net.InetSocketAddress;

/** Embedded Undertow 2.3 (jakarta) with the probe servlet behind a filter. */
public final class UndertowApp {

  public static void main(String[] args) throws Exception {
    DeploymentManager manager = Servlets.defaultContainer().addDeployment(Servlets.deployment()
        .setClassLoader(UndertowApp.class.getClassLoader())
        .setContextPath("/")
        .setDeploymentName("probe")
        .addServlet(Servlets.servlet("probe", ProbeServlet.class).addMappings(ProbeServlet.PATHS).setAsyncSupported(true))
        .addFilter(Servlets.filter("pass", PassThroughFilter.class).setAsyncSupported(true))
        .addFilterUrlMapping("pass", "/*", DispatcherType.REQUEST)
        .addErrorPage(new ErrorPage("/error-page", ProbeServlet.ERROR_STATUS)));
    manager.deploy();
    Undertow server = Undertow.builder()
        .addHttpListener(0, "127.0.0.1")
        .setHandler(manager.start())
        .build();
    server.start();
    Probe.ready(((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
  }
}
