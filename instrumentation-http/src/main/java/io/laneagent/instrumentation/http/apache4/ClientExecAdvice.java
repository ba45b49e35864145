package io.laneagent.instrumentation.http.apache4;

import io.laneagent.bootstrap.OutboundHeaders;
import net.bytebuddy.asm.Advice;
import org.apache.http.Header;
import org.apache.http.client.methods.HttpRequestWrapper;

/** Inlined into Apache HttpClient 4's final exec: writes the lanes onto the per-execution request copy. */
public final class ClientExecAdvice {

  private ClientExecAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(1) HttpRequestWrapper request) {
    if (request == null) {
      return;
    }
    for (OutboundHeaders out = OutboundHeaders.start("Apache HttpClient 4"); out != null && out.next(); ) {
      Header present = request.getFirstHeader(out.name());
      String value = out.valueGiven(present == null ? null : present.getValue());
      if (value != null) {
        request.setHeader(out.name(), value);
      }
    }
  }
}
