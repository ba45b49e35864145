package io.laneagent.instrumentation.http.apache5;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;

/** Inlined into Apache HttpClient 5's {@code ExecRuntime.execute}: the lanes go onto the request it sends. */
public final class ExecRuntimeExecuteAdvice {

  private ExecRuntimeExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(1) ClassicHttpRequest request) {
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
        OutboundLanes.keptApplicationHeader("Apache HttpClient 5", headers[i]);
      } else {
        request.addHeader(headers[i], value);
        OutboundLanes.injected("Apache HttpClient 5", headers[i], value);
      }
    }
  }
}
