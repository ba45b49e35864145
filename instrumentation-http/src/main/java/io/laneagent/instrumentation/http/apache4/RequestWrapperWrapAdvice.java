package io.laneagent.instrumentation.http.apache4;

import io.laneagent.bootstrap.OutboundHeaders;
import net.bytebuddy.asm.Advice;
import org.apache.http.Header;
import org.apache.http.client.methods.HttpRequestWrapper;

/** Inlined into {@code HttpRequestWrapper.wrap}: the new per-execution copy gets the lanes. */
public final class RequestWrapperWrapAdvice {

  private RequestWrapperWrapAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return HttpRequestWrapper wrapper) {
    if (wrapper == null) {
      return;
    }
    for (OutboundHeaders out = OutboundHeaders.start("Apache HttpClient 4"); out != null && out.next(); ) {
      Header present = wrapper.getFirstHeader(out.name());
      String value = out.valueGiven(present == null ? null : present.getValue());
      if (value != null) {
        wrapper.setHeader(out.name(), value);
      }
    }
  }
}
