package io.laneagent.instrumentation.http.apache5;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.HttpRequest;

/** Inlined into {@code AsyncExecChainElement.execute}: the lanes go onto the client's copy of the request. */
public final class AsyncExecChainAdvice {

  private AsyncExecChainAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) HttpRequest request) {
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
      if (request.containsHeader(headers[i])) {
        OutboundLanes.keptApplicationHeader("Apache HttpClient 5 async", headers[i]);
      } else {
        request.addHeader(headers[i], value);
        OutboundLanes.injected("Apache HttpClient 5 async", headers[i], value);
      }
    }
  }
}
