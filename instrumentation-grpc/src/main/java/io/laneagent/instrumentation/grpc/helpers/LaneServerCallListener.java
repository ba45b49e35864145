package io.laneagent.instrumentation.grpc.helpers;

import io.grpc.ForwardingServerCallListener;
import io.grpc.ServerCall;
import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.Lanes;

/**
 * A server call's listener with the call's lanes current in each callback — and only there: gRPC runs
 * them on its executor's threads, one call after another, so each callback gets exactly its call's lanes
 * (none when the metadata had none) and the thread's own afterwards. A helper.
 */
public final class LaneServerCallListener<ReqT> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {

  private final Lanes lanes;

  public LaneServerCallListener(ServerCall.Listener<ReqT> delegate, Lanes lanes) {
    super(delegate);
    this.lanes = lanes;
  }

  @Override
  public void onMessage(ReqT message) {
    Object scope = LaneContext.enterCallback(lanes);
    try {
      super.onMessage(message);
    } finally {
      LaneContext.exitCallback(scope);
    }
  }

  @Override
  public void onHalfClose() {
    Object scope = LaneContext.enterCallback(lanes);
    try {
      super.onHalfClose();
    } finally {
      LaneContext.exitCallback(scope);
    }
  }

  @Override
  public void onCancel() {
    Object scope = LaneContext.enterCallback(lanes);
    try {
      super.onCancel();
    } finally {
      LaneContext.exitCallback(scope);
    }
  }

  @Override
  public void onComplete() {
    Object scope = LaneContext.enterCallback(lanes);
    try {
      super.onComplete();
    } finally {
      LaneContext.exitCallback(scope);
    }
  }

  @Override
  public void onReady() {
    Object scope = LaneContext.enterCallback(lanes);
    try {
      super.onReady();
    } finally {
      LaneContext.exitCallback(scope);
    }
  }
}
