package io.laneagent.instrumentation.http.urlconnection;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection} implementations (JDK classes: only bootstrap-visible types
 * here). Writes each lane header the application has not set itself ({@code getRequestProperty} is
 * case-insensitive), once, before the request leaves.
 */
public final class HttpUrlConnectionAdvice {

  private HttpUrlConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This HttpURLConnection connection,
      @Advice.FieldValue("connected") boolean connected) {
    if (connected) {
      return; // request properties can no longer change
    }
    Lanes lanes = OutboundLanes.toSend();
    if (lanes.isEmpty()) {
      return;
    }
    String[] headers = OutboundLanes.headers();
    for (int i = 0; i < headers.length; i++) {
      String value = lanes.get(i);
      if (value == null) {
        continue;
      }
      String existing = connection.getRequestProperty(headers[i]);
      if (existing == null) {
        connection.setRequestProperty(headers[i], value);
        OutboundLanes.injected("HttpURLConnection", headers[i], value);
      } else if (!existing.equals(value)) {
        OutboundLanes.keptApplicationHeader("HttpURLConnection", headers[i]);
      }
    }
  }
}
