package io.laneagent.instrumentation.grpc;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Lanes over gRPC (grpc-java): every client call sends them as metadata, written where the call is
 * started, under every interceptor (so the application's own metadata wins); every server call runs its
 * handler and each listener callback with the lanes its metadata brought. The transport does not matter
 * (Netty, shaded Netty, OkHttp, in-process): both sides sit in grpc-core.
 */
public final class GrpcInstrumentation extends GroupInstrumentation {

  /** Came with 1.33, the oldest version supported: every server builder builds through it since. */
  static final String SERVER_IMPL_BUILDER = "io.grpc.internal.ServerImplBuilder";
  static final String METADATA_HELPER = "io.laneagent.instrumentation.grpc.helpers.GrpcMetadataLanes";

  public GrpcInstrumentation() {
    super("grpc", new ClientCallStartInstrumentation("io.grpc.internal.ClientCallImpl"),
        new ClientCallStartInstrumentation("io.grpc.internal.DelayedClientCall"),
        new ServerBuildInstrumentation());
  }

  @Override
  public String supports() {
    return "grpc-java 1.33.1 ... 1.85.1 (Netty, shaded Netty, OkHttp and in-process transports; every stub kind)";
  }
}
