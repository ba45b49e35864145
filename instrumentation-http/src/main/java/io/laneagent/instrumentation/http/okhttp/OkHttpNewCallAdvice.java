package io.laneagent.instrumentation.http.okhttp;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import net.bytebuddy.asm.Advice;
import okhttp3.Request;

/** Inlined into {@code OkHttpClient.newCall}: the request is immutable, the call gets a copy with the lanes. */
public final class OkHttpNewCallAdvice {

  private OkHttpNewCallAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) Request request) {
    if (request == null) {
      return;
    }
    Lanes lanes = OutboundLanes.toSend();
    if (lanes.isEmpty()) {
      return;
    }
    String[] headers = OutboundLanes.headers();
    Request.Builder copy = null;
    for (int i = 0; i < headers.length; i++) {
      String value = lanes.get(i);
      if (value == null) {
        continue;
      }
      if (request.header(headers[i]) != null) { // case-insensitive
        OutboundLanes.keptApplicationHeader("OkHttp", headers[i]);
        continue;
      }
      if (copy == null) {
        copy = request.newBuilder();
      }
      copy.header(headers[i], value);
      OutboundLanes.injected("OkHttp", headers[i], value);
    }
    if (copy != null) {
      request = copy.build();
    }
  }
}
