package io.laneagent.instrumentation.http.okhttp;

import io.laneagent.bootstrap.OutboundHeaders;
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
    Request.Builder copy = null;
    for (OutboundHeaders out = OutboundHeaders.start("OkHttp"); out != null && out.next(); ) {
      String value = out.valueGiven(request.header(out.name())); // case-insensitive
      if (value != null) {
        if (copy == null) {
          copy = request.newBuilder();
        }
        copy.header(out.name(), value); // replaces
      }
    }
    if (copy != null) {
      request = copy.build();
    }
  }
}
