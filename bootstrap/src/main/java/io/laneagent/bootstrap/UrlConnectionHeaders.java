package io.laneagent.bootstrap;

import java.net.HttpURLConnection;

/**
 * What the {@code HttpURLConnection} advice does before a connection is made, kept out of the advice: that
 * advice is inlined into the JDK's {@code connect}, {@code getOutputStream} and {@code getInputStream}, and
 * the header walk inlined three times made those methods larger for the JIT wherever they are called (issue
 * #19); the advice is a field check and this call. {@code java.net.HttpURLConnection} is a JDK type, so this
 * can live in the core, which the JDK's classes see.
 *
 * <p>Only the outermost advised call on a thread writes the headers: the JDK's methods call each other
 * ({@code getInputStream} calls {@code connect}; the https wrapper calls its delegate's), and the headers set
 * in the first are the request's.
 */
public final class UrlConnectionHeaders {

  private static final String CLIENT = "HttpURLConnection";
  private static final CallDepth DEPTH = CallDepth.of(CLIENT);

  private UrlConnectionHeaders() {}

  /**
   * Enters one advised call on {@code connection} (not yet connected); the outermost writes each header the
   * application has not set itself ({@code getRequestProperty} is case-insensitive). Returns the depth, which
   * the exit advice leaves again, on throw as well.
   */
  public static CallDepth enter(HttpURLConnection connection) {
    if (DEPTH.enter()) {
      try {
        for (OutboundHeaders out = OutboundHeaders.start(CLIENT); out != null && out.next(); ) {
          String value = out.valueGiven(connection.getRequestProperty(out.name()));
          if (value != null) {
            connection.setRequestProperty(out.name(), value); // replaces
          }
        }
      } catch (Throwable ignored) {
        // caught here: the depth must be returned to be left again. Expected case: IllegalStateException,
        // as the https wrapper's own 'connected' stays false after its delegate's
      }
    }
    return DEPTH;
  }
}
