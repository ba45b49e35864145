package io.laneagent.instrumentation.grpc.helpers;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.Lanes;
import java.util.List;

/**
 * The server side: reads the call's lanes from its metadata and makes them current while the call is
 * started (the handler of a client-streaming or bidi method runs there) and in every listener callback
 * (a unary or server-streaming handler runs in {@code onHalfClose}). Added to every server by the agent,
 * outermost. A helper.
 */
public final class LaneServerInterceptor implements ServerInterceptor {

  /** Adds the interceptor to a server builder's list unless it is there (a builder built twice). */
  public static void addTo(List<ServerInterceptor> interceptors) {
    for (ServerInterceptor interceptor : interceptors) {
      if (interceptor instanceof LaneServerInterceptor) {
        return;
      }
    }
    interceptors.add(new LaneServerInterceptor());
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
      ServerCallHandler<ReqT, RespT> next) {
    Lanes lanes;
    try {
      lanes = GrpcMetadataLanes.read(headers);
      GrpcMetadataLanes.hideClientLanes(headers);
    } catch (Throwable agentFailure) {
      return next.startCall(call, headers); // never fail the application's call for the agent's sake
    }
    Object scope = LaneContext.enterCallback(lanes);
    ServerCall.Listener<ReqT> listener;
    try {
      listener = next.startCall(call, headers);
    } finally {
      LaneContext.exitCallback(scope);
    }
    return new LaneServerCallListener<>(listener, lanes);
  }
}
