package io.laneagent.instrumentation.http.urlconnection;

import io.laneagent.bootstrap.OutboundHeaders;
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
    for (OutboundHeaders out = OutboundHeaders.start("HttpURLConnection"); out != null && out.next(); ) {
      String value = out.valueGiven(connection.getRequestProperty(out.name()));
      if (value != null) {
        connection.setRequestProperty(out.name(), value); // replaces
      }
    }
  }
}
