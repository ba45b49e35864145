package io.laneagent.instrumentation.grpc;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * {@code ServerImplBuilder.build()}: every grpc-java server (Netty, shaded Netty, OkHttp, in-process, and
 * the frameworks that build through them: Spring gRPC, grpc-spring-boot-starter) is built here since
 * 1.33. The lane interceptor is added last, so it runs first: the lanes are current in the application's
 * interceptors too.
 */
final class ServerBuildInstrumentation extends NamedTypeInstrumentation {

  ServerBuildInstrumentation() {
    super(GrpcInstrumentation.SERVER_IMPL_BUILDER);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"build()Lio/grpc/Server;"}, isPublic(),
        "io.laneagent.instrumentation.grpc.ServerBuildAdvice");
    // supertypes first
    target.helpers(GrpcInstrumentation.METADATA_HELPER,
        "io.laneagent.instrumentation.grpc.helpers.LaneServerCallListener",
        "io.laneagent.instrumentation.grpc.helpers.LaneServerInterceptor");
  }
}
