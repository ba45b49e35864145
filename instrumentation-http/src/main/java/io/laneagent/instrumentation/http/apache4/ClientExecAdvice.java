package io.laneagent.instrumentation.http.apache4;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import net.bytebuddy.asm.Advice;
import org.apache.http.client.methods.HttpRequestWrapper;

/** Inlined into Apache HttpClient 4's final exec: writes the lanes onto the per-execution request copy. */
public final class ClientExecAdvice {

  private ClientExecAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(1) HttpRequestWrapper request) {
    if (request == null) {
      return;
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
      if (request.containsHeader(headers[i])) { // case-insensitive
        OutboundLanes.keptApplicationHeader("Apache HttpClient 4", headers[i]);
      } else {
        request.addHeader(headers[i], value);
        OutboundLanes.injected("Apache HttpClient 4", headers[i], value);
      }
    }
  }
}
