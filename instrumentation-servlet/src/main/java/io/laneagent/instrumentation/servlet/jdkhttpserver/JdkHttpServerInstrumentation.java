package io.laneagent.instrumentation.servlet.jdkhttpserver;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Inbound lanes for the JDK's {@code com.sun.net.httpserver}: the outermost filter chain call sets
 * them; at an edge ({@code lane.trust-inbound=false}) the exchange's request headers hide the
 * client's lane headers.
 */
public final class JdkHttpServerInstrumentation extends GroupInstrumentation {

  public JdkHttpServerInstrumentation() {
    super("jdk-httpserver",
        new FilterChainInstrumentation(),
        new RequestHeadersInstrumentation("sun.net.httpserver.HttpExchangeImpl"),
        new RequestHeadersInstrumentation("sun.net.httpserver.HttpsExchangeImpl"));
  }

  @Override
  public String supports() {
    return "com.sun.net.httpserver (JDK 8+)";
  }
}
