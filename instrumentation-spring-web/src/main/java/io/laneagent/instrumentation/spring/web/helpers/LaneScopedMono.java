package io.laneagent.instrumentation.spring.web.helpers;

import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.ReactiveLanes;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

/**
 * A WebFlux request's handling, subscribed with the request's lanes current on the subscribing thread:
 * publishers assembled while the server subscribes ({@code Mono.defer} suppliers, handler lookups) then
 * belong to the request and get the reactor instrumentation's lane hook, which only lifts operators
 * assembled in a lane (see {@code LaneAssembly}). A helper: it extends Reactor's {@code MonoOperator}.
 */
public final class LaneScopedMono<T> extends MonoOperator<T, T> {

  private final Lanes lanes;

  public LaneScopedMono(Mono<? extends T> source, Lanes lanes) {
    super(source);
    this.lanes = lanes;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    Object token = ReactiveLanes.enter(lanes);
    try {
      source.subscribe(actual);
    } finally {
      ReactiveLanes.exit(token);
    }
  }
}
