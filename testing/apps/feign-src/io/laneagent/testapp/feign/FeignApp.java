package io.laneagent.testapp.feign;

import feign.Client;
import feign.Feign;
import feign.HeaderMap;
import feign.RequestLine;
import feign.Response;
import feign.Target;
import io.laneagent.testapp.Probe;
import io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The JDK HttpServer app calling on with plain OpenFeign (no Spring), on each client Feign offers:
 * {@code feign-default} (HttpURLConnection), {@code feign-okhttp}, {@code feign-apache4},
 * {@code feign-hc5}. The same source builds against the oldest and the newest Feign we claim.
 */
public final class FeignApp {

  /** The downstream, with its base URI per call (Feign's dynamic-URI form). */
  interface Downstream {
    @RequestLine("GET /next")
    Response next(URI base, @HeaderMap Map<String, Object> headers);
  }

  public static void main(String[] args) throws IOException {
    register("feign-default", new Client.Default(null, null));
    register("feign-okhttp", new feign.okhttp.OkHttpClient());
    register("feign-apache4", new feign.httpclient.ApacheHttpClient());
    register("feign-hc5", new feign.hc5.ApacheHttp5Client());
    JdkHttpServerApp.main(args);
  }

  private static void register(String name, Client client) {
    Downstream downstream = Feign.builder().client(client).target(Target.EmptyTarget.create(Downstream.class));
    Probe.register(name, (target, headers) -> {
      URI next = URI.create(target);
      URI base = URI.create(next.getScheme() + "://" + next.getRawAuthority());
      try (Response response = downstream.next(base, new java.util.LinkedHashMap<>(headers))) {
        return response.status();
      }
    });
  }
}
