package io.laneagent.instrumentation.servlet.jdkhttpserver;

import com.sun.net.httpserver.HttpExchange;
import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.LaneContext;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code com.sun.net.httpserver.Filter.Chain.doFilter}. The chains nest (system filters,
 * then user filters), so only the outermost call on the thread sets the lanes.
 *
 * <p>No exchange attribute is used to remember them: before JDK 18 {@code HttpExchange.setAttribute}
 * wrote to the shared {@code HttpContext}, so a value there would leak into other requests.
 */
public final class FilterChainDoFilterAdvice {

  private FilterChainDoFilterAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static Object onEnter(@Advice.Argument(0) HttpExchange exchange) {
    if (exchange == null || LaneContext.isInboundActive()) {
      return null;
    }
    InboundLaneReader reader = InboundLaneReader.start();
    String[] headers = reader.headers();
    for (int i = 0; i < headers.length; i++) {
      List<String> values = exchange.getRequestHeaders().get(headers[i]);
      if (values != null) {
        for (int v = 0; v < values.size(); v++) {
          reader.add(i, values.get(v));
        }
      }
    }
    return LaneContext.enterInbound(reader.finish("jdk-httpserver"));
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit(@Advice.Enter Object scope) {
    LaneContext.exitInbound(scope);
  }
}
