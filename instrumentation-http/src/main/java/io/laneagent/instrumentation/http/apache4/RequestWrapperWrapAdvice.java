package io.laneagent.instrumentation.http.apache4;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
import net.bytebuddy.asm.Advice;
import org.apache.http.client.methods.HttpRequestWrapper;

/** Inlined into {@code HttpRequestWrapper.wrap}: the new per-execution copy gets the lanes. */
public final class RequestWrapperWrapAdvice {

  private RequestWrapperWrapAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return HttpRequestWrapper wrapper) {
    if (wrapper == null) {
      return;
    }
    Lanes lanes = OutboundLanes.toSend();
    if (lanes.isEmpty()) {
      return;
    }
    String[] headers = OutboundLanes.headers();
    for (int i = 0; i < headers.length; i++) {
      String value = lanes.get(i);
      if (value != null && !wrapper.containsHeader(headers[i])) {
        wrapper.addHeader(headers[i], value);
        OutboundLanes.injected("Apache HttpClient 4", headers[i], value);
      }
    }
  }
}
