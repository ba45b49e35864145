package io.laneagent.instrumentation.grpc;

import io.grpc.ServerInterceptor;
import io.laneagent.instrumentation.grpc.helpers.LaneServerInterceptor;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServerImplBuilder.build()}: adds the lane interceptor once per builder. */
public final class ServerBuildAdvice {

  private ServerBuildAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.FieldValue("interceptors") List<ServerInterceptor> interceptors) {
    LaneServerInterceptor.addTo(interceptors);
  }
}
