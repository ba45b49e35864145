package io.laneagent.instrumentation.http.urlconnection;

import io.laneagent.bootstrap.CallDepth;
import io.laneagent.bootstrap.OutboundHeaders;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpURLConnection} implementations (JDK classes: only bootstrap-visible types
 * here). Writes each lane header the application has not set itself ({@code getRequestProperty} is
 * case-insensitive), once, before the request leaves: only in the outermost advised call, because the
 * JDK's methods call each other ({@code getInputStream} calls {@code connect}; the https wrapper calls its
 * delegate's) and the headers set there are the request's.
 */
public final class HttpUrlConnectionAdvice {

  private HttpUrlConnectionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static CallDepth onEnter(@Advice.This HttpURLConnection connection,
      @Advice.FieldValue("connected") boolean connected) {
    if (connected) {
      // once connected, request properties can no longer change, and no call nested in this one can walk
      // them either (a connection never goes back): no depth to count. Feign and most clients call
      // getInputStream again after getResponseCode connected
      return null;
    }
    CallDepth depth = CallDepth.of("HttpURLConnection");
    if (depth.enter()) {
      try {
        for (OutboundHeaders out = OutboundHeaders.start("HttpURLConnection"); out != null && out.next(); ) {
          String value = out.valueGiven(connection.getRequestProperty(out.name()));
          if (value != null) {
            connection.setRequestProperty(out.name(), value); // replaces
          }
        }
      } catch (Throwable ignored) {
        // caught here, not by 'suppress': the depth must be returned to be left again. Expected case:
        // IllegalStateException, as the https wrapper's own 'connected' stays false after its delegate's
      }
    }
    return depth;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter CallDepth depth) {
    if (depth != null) {
      depth.exit();
    }
  }
}
