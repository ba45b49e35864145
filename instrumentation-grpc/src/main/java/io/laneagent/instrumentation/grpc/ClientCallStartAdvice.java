package io.laneagent.instrumentation.grpc;

import io.grpc.Metadata;
import io.laneagent.instrumentation.grpc.helpers.GrpcMetadataLanes;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ClientCallImpl.start} and {@code DelayedClientCall.start}: the call's lanes (the
 * current ones, else the own lane) and trace headers go into its metadata unless it has them already.
 * When a delayed call passes through to its real call, the second walk finds the values there.
 */
public final class ClientCallStartAdvice {

  private ClientCallStartAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(1) Metadata headers) {
    if (headers != null) {
      GrpcMetadataLanes.inject(headers);
    }
  }
}
