package io.laneagent.testapp.clients;

import io.laneagent.testapp.Probe;
import io.laneagent.testapp.jdkhttpserver.JdkHttpServerApp;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The JDK HttpServer app with more clients to call on: OkHttp ({@code okhttp}, {@code okhttp-async}),
 * Apache HttpClient 4 and 5 classic ({@code apache4}, {@code apache5}, and their minimal clients) and
 * async ({@code apache4-async}: HttpAsyncClient 4, {@code apache5-async}). The
 * same source builds against the oldest and the newest versions we claim (see the modules' poms).
 */
public final class HttpClientsApp {

  private static final OkHttpClient OK_HTTP = new OkHttpClient();
  private static final org.apache.http.impl.client.CloseableHttpClient APACHE4 =
      org.apache.http.impl.client.HttpClients.createDefault();
  private static final org.apache.http.impl.client.CloseableHttpClient APACHE4_MINIMAL =
      org.apache.http.impl.client.HttpClients.createMinimal();
  private static final org.apache.hc.client5.http.impl.classic.CloseableHttpClient APACHE5 =
      org.apache.hc.client5.http.impl.classic.HttpClients.createDefault();
  private static final org.apache.hc.client5.http.impl.classic.CloseableHttpClient APACHE5_MINIMAL =
      org.apache.hc.client5.http.impl.classic.HttpClients.createMinimal();

  private static final org.apache.http.impl.nio.client.CloseableHttpAsyncClient APACHE4_ASYNC =
      org.apache.http.impl.nio.client.HttpAsyncClients.createDefault();
  private static final org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient APACHE5_ASYNC =
      org.apache.hc.client5.http.impl.async.HttpAsyncClients.createDefault();

  public static void main(String[] args) throws IOException {
    APACHE4_ASYNC.start();
    APACHE5_ASYNC.start();
    Probe.register("apache4-async", (target, headers) -> {
      org.apache.http.client.methods.HttpGet get = new org.apache.http.client.methods.HttpGet(target);
      headers.forEach(get::setHeader);
      // completes on the client's I/O thread
      return APACHE4_ASYNC.execute(get, null).get(10, TimeUnit.SECONDS).getStatusLine().getStatusCode();
    });
    Probe.register("apache5-async", (target, headers) -> {
      org.apache.hc.client5.http.async.methods.SimpleHttpRequest request =
          new org.apache.hc.client5.http.async.methods.SimpleHttpRequest("GET", java.net.URI.create(target));
      headers.forEach(request::setHeader);
      return APACHE5_ASYNC.execute(request, null).get(10, TimeUnit.SECONDS).getCode();
    });
    Probe.register("okhttp", (target, headers) -> {
      try (Response response = OK_HTTP.newCall(okRequest(target, headers)).execute()) {
        return response.code();
      }
    });
    Probe.register("okhttp-async", (target, headers) -> {
      CompletableFuture<Integer> status = new CompletableFuture<>();
      OK_HTTP.newCall(okRequest(target, headers)).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          status.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
          try (Response closing = response) {
            status.complete(closing.code());
          }
        }
      });
      return status.get(10, TimeUnit.SECONDS);
    });
    Probe.register("apache4", (target, headers) -> apache4(APACHE4, target, headers));
    Probe.register("apache4-minimal", (target, headers) -> apache4(APACHE4_MINIMAL, target, headers));
    Probe.register("apache5", (target, headers) -> apache5(APACHE5, target, headers));
    Probe.register("apache5-minimal", (target, headers) -> apache5(APACHE5_MINIMAL, target, headers));
    JdkHttpServerApp.main(args);
  }

  private static Request okRequest(String target, Map<String, String> headers) {
    Request.Builder builder = new Request.Builder().url(target);
    headers.forEach(builder::header);
    return builder.build();
  }

  private static int apache4(org.apache.http.impl.client.CloseableHttpClient client, String target,
      Map<String, String> headers) throws IOException {
    org.apache.http.client.methods.HttpGet get = new org.apache.http.client.methods.HttpGet(target);
    headers.forEach(get::setHeader);
    try (org.apache.http.client.methods.CloseableHttpResponse response = client.execute(get)) {
      org.apache.http.util.EntityUtils.consume(response.getEntity());
      return response.getStatusLine().getStatusCode();
    }
  }

  @SuppressWarnings("deprecation") // execute(request) is the call every 5.x version has
  private static int apache5(org.apache.hc.client5.http.impl.classic.CloseableHttpClient client, String target,
      Map<String, String> headers) throws Exception {
    org.apache.hc.client5.http.classic.methods.HttpGet get = new org.apache.hc.client5.http.classic.methods.HttpGet(target);
    headers.forEach(get::setHeader);
    try (org.apache.hc.client5.http.impl.classic.CloseableHttpResponse response = client.execute(get)) {
      org.apache.hc.core5.http.io.entity.EntityUtils.consume(response.getEntity());
      return response.getCode();
    }
  }
}
