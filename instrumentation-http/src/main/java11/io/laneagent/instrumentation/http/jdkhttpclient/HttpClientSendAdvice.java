package io.laneagent.instrumentation.http.jdkhttpclient;

import io.laneagent.bootstrap.OutboundHeaders;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpClient.send}/{@code sendAsync} implementations (in the JDK's
 * {@code java.net.http} module, so only JDK and bootstrap types, and no lambdas: advice is copied
 * into the target method and a lambda body would stay behind in this class).
 *
 * <p>The JDK facade delegates to its implementation, which is advised too; by then the headers are
 * present and nothing is added twice.
 */
public final class HttpClientSendAdvice {

  private HttpClientSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) HttpRequest request) {
    if (request == null) {
      return;
    }
    HttpRequest.Builder copy = null;
    for (OutboundHeaders out = OutboundHeaders.start("java.net.http.HttpClient"); out != null && out.next(); ) {
      String value = out.valueGiven(request.headers().firstValue(out.name()).orElse(null));
      if (value == null) {
        continue;
      }
      if (copy == null) {
        // HttpRequest.newBuilder(request, filter) would do, but only from Java 16 on
        copy = HttpRequest.newBuilder(request.uri()).expectContinue(request.expectContinue());
        if (request.bodyPublisher().isPresent()) {
          copy.method(request.method(), request.bodyPublisher().get());
        } else if ("GET".equals(request.method())) {
          copy.GET();
        } else if ("DELETE".equals(request.method())) {
          copy.DELETE();
        } else {
          copy.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (request.timeout().isPresent()) {
          copy.timeout(request.timeout().get());
        }
        if (request.version().isPresent()) {
          copy.version(request.version().get());
        }
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
          for (String headerValue : header.getValue()) {
            copy.header(header.getKey(), headerValue);
          }
        }
      }
      copy.setHeader(out.name(), value); // replaces
    }
    if (copy != null) {
      request = copy.build();
    }
  }
}
