package io.laneagent.instrumentation.http.apache5;

import io.laneagent.bootstrap.OutboundHeaders;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;

/** Inlined into Apache HttpClient 5's {@code ExecRuntime.execute}: the lanes go onto the request it sends. */
public final class ExecRuntimeExecuteAdvice {

  private ExecRuntimeExecuteAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(1) ClassicHttpRequest request) {
    if (request == null) {
      return;
    }
    for (OutboundHeaders out = OutboundHeaders.start("Apache HttpClient 5"); out != null && out.next(); ) {
      Header present = request.getFirstHeader(out.name());
      String value = out.valueGiven(present == null ? null : present.getValue());
      if (value != null) {
        request.setHeader(out.name(), value);
      }
    }
  }
}
