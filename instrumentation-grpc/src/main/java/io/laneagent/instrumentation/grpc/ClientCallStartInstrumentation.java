package io.laneagent.instrumentation.grpc;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;
import io.laneagent.instrumentation.api.VersionFloor;

/**
 * {@code start(listener, metadata)} of the two innermost client calls: {@code ClientCallImpl} (the real
 * call on a transport) and {@code DelayedClientCall} (what a channel hands out while its name is still
 * being resolved; it starts the real call later, on another thread, with the same metadata). The
 * application's and every interceptor's {@code start} ran before, so their metadata is already there.
 */
final class ClientCallStartInstrumentation extends NamedTypeInstrumentation {

  ClientCallStartInstrumentation(String type) {
    super(type, VersionFloor.requiring(GrpcInstrumentation.SERVER_IMPL_BUILDER)
        .warnBelow("grpc-java before 1.33 is not supported: its calls carry no lanes"));
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"start(Lio/grpc/ClientCall$Listener;Lio/grpc/Metadata;)V"}, isPublic(),
        "io.laneagent.instrumentation.grpc.ClientCallStartAdvice");
    target.helpers(GrpcInstrumentation.METADATA_HELPER);
  }
}
