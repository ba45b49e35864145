package io.laneagent.instrumentation.http.urlconnection;

import io.laneagent.bootstrap.CallDepth;
import io.laneagent.bootstrap.UrlConnectionHeaders;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection} implementations (JDK classes: only bootstrap-visible types
 * here). Writes the lane headers before the request leaves, in the outermost advised call
 * ({@link UrlConnectionHeaders}); kept to a field check and one call, as it is inlined into three JDK
 * methods on every request's path.
 */
public final class HttpUrlConnectionAdvice {

  private HttpUrlConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static CallDepth onEnter(@Advice.This HttpURLConnection connection,
      @Advice.FieldValue("connected") boolean connected) {
    // once connected, request properties can no longer change, and no call nested in this one can walk
    // them either (a connection never goes back): no depth to count. Feign and most clients call
    // getInputStream again after getResponseCode connected
    return connected ? null : UrlConnectionHeaders.enter(connection);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter CallDepth depth) {
    if (depth != null) {
      depth.exit();
    }
  }
}
