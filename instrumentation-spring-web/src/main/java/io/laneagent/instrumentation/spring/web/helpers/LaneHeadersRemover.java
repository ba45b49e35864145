package io.laneagent.instrumentation.spring.web.helpers;

import io.laneagent.bootstrap.LaneLog;
import io.laneagent.bootstrap.LaneSettings;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;

/**
 * Removes the lane headers (and the lane member of baggage) from the writable headers of a mutated
 * WebFlux request (see {@code WebHandlerAdapterEdgeAdvice}).
 *
 * <p>{@code HttpHeaders.remove} is looked up reflectively, once: up to Spring 6 it is
 * {@code Map.remove(Object)}, Spring 7 declares {@code remove(String)} (HttpHeaders is no longer a Map), and
 * a call compiled against either fails to link on the other. A helper class (defined in the
 * application's class loader) because it implements a Spring-typed {@code Consumer}.
 */
public final class LaneHeadersRemover implements Consumer<HttpHeaders> {

  private static volatile Method remove;

  private final List<String> visibleBaggage;

  /** {@code visibleBaggage}: the request's baggage lines without the lane member, or null to leave baggage alone. */
  public LaneHeadersRemover(List<String> visibleBaggage) {
    this.visibleBaggage = visibleBaggage;
  }

  @Override
  public void accept(HttpHeaders headers) {
    try {
      Method method = removeMethod(headers.getClass());
      for (String name : LaneSettings.current().headers()) {
        method.invoke(headers, name);
      }
      if (visibleBaggage != null) {
        method.invoke(headers, LaneSettings.BAGGAGE);
        for (String line : visibleBaggage) {
          headers.add(LaneSettings.BAGGAGE, line);
        }
      }
    } catch (Exception e) {
      // the request then goes on with the client's lane headers: say so, it is an edge's safety net
      LaneLog.warnRateLimited("webflux-hide", "could not remove the client's lane headers from a WebFlux request ("
          + e + "); strip them at the ingress");
    }
  }

  private static Method removeMethod(Class<?> type) throws NoSuchMethodException {
    Method known = remove;
    if (known != null && known.getDeclaringClass().isAssignableFrom(type)) {
      return known;
    }
    Method found;
    try {
      found = type.getMethod("remove", String.class);
    } catch (NoSuchMethodException beforeSpring7) {
      found = type.getMethod("remove", Object.class);
    }
    remove = found;
    return found;
  }
}
