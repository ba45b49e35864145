package io.laneagent.instrumentation.reactor.helpers;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.ReactiveLanes;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.util.context.Context;

/**
 * Sits in front of one operator's downstream subscriber and runs every signal it passes on with the
 * chain's lanes current on this thread, restoring the thread's previous lanes after: whichever thread
 * (event loop, {@code boundedElastic} worker, timer) emits, the code downstream sees the request's
 * lane, and the thread keeps nothing afterwards.
 *
 * <p>The upstream subscription goes to the downstream subscriber unchanged: fuseable operators cast it
 * to {@code QueueSubscription}. Queue fusion, which would pull values past {@code onNext}, is still
 * off for lifted operators: Reactor puts its fusion-suppressing subscriber in front of ours, because
 * ours is not a {@code QueueSubscription}.
 *
 * <p>A helper: defined by the agent in the class loader that has Reactor (see OnAssemblyInstrumentation).
 */
final class LaneSubscriber<T> implements CoreSubscriber<T>, Scannable {

  private final CoreSubscriber<? super T> actual;
  private final Lanes lanes;
  private final Context context;
  private Subscription upstream;

  LaneSubscriber(CoreSubscriber<? super T> actual, Lanes lanes, Context context) {
    this.actual = actual;
    this.lanes = lanes;
    this.context = context;
  }

  Lanes lanes() {
    return lanes;
  }

  @Override
  public Context currentContext() {
    return context;
  }

  @Override
  public void onSubscribe(Subscription subscription) {
    upstream = subscription;
    Object token = ReactiveLanes.enter(lanes);
    try {
      actual.onSubscribe(subscription);
    } finally {
      ReactiveLanes.exit(token);
    }
  }

  @Override
  public void onNext(T value) {
    Object token = ReactiveLanes.enter(lanes);
    try {
      actual.onNext(value);
    } finally {
      ReactiveLanes.exit(token);
    }
  }

  @Override
  public void onError(Throwable error) {
    Object token = ReactiveLanes.enter(lanes);
    try {
      actual.onError(error);
    } finally {
      ReactiveLanes.exit(token);
    }
  }

  @Override
  public void onComplete() {
    Object token = ReactiveLanes.enter(lanes);
    try {
      actual.onComplete();
    } finally {
      ReactiveLanes.exit(token);
    }
  }

  @Override
  public Object scanUnsafe(Attr key) {
    if (key == Attr.PARENT) {
      return upstream;
    }
    if (key == Attr.ACTUAL) {
      return actual;
    }
    return null;
  }
}
