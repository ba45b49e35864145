package io.laneagent.testapp.webflux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's routes: {@code /gw/**} to the downstream unchanged, {@code /gw-set/**} with
 * {@code SetRequestHeader env=rewritten}, and {@code /gw-user/**} with a filter that puts user
 * {@code alice} in the gray lane (the per-user gray of the source documents).
 */
@Configuration
public class GatewayRoutes {

  @Bean
  public RouteLocator routes(RouteLocatorBuilder builder, @Value("${downstream.url}") String downstream) {
    GatewayFilter grayUsers = (exchange, chain) -> {
      if ("alice".equals(exchange.getRequest().getHeaders().getFirst("x-user"))) {
        return chain.filter(exchange.mutate().request(r -> r.headers(h -> h.set("env", "gray"))).build());
      }
      return chain.filter(exchange);
    };
    return builder.routes()
        .route("pass", r -> r.path("/gw/**").filters(f -> f.stripPrefix(1)).uri(downstream))
        .route("set", r -> r.path("/gw-set/**").filters(f -> f.stripPrefix(1).setRequestHeader("env", "rewritten"))
            .uri(downstream))
        .route("per-user", r -> r.path("/gw-user/**").filters(f -> f.stripPrefix(1).filter(grayUsers)).uri(downstream))
        .build();
  }
}
