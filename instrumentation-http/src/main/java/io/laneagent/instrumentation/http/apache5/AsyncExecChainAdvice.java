package io.laneagent.instrumentation.http.apache5;

import io.laneagent.bootstrap.OutboundHeaders;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpRequest;

/** Inlined into {@code AsyncExecChainElement.execute}: the lanes go onto the client's copy of the request. */
public final class AsyncExecChainAdvice {

  private AsyncExecChainAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) HttpRequest request) {
    if (request == null) {
      return;
    }
    for (OutboundHeaders out = OutboundHeaders.start("Apache HttpClient 5 async"); out != null && out.next(); ) {
      Header present = request.getFirstHeader(out.name());
      String value = out.valueGiven(present == null ? null : present.getValue());
      if (value != null) {
        request.setHeader(out.name(), value);
      }
    }
  }
}
