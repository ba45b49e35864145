package io.laneagent.sample;

import feign.RequestInterceptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Off unless {@code --forward.env=true}: the service forwards the {@code env} header it received to its Feign
 * call by hand, as teams do without the agent (a Feign {@code RequestInterceptor} reading the current request).
 * Only the load benchmark uses it ({@code benchmarks/pair-load.sh boot3 forward}): the control that carries
 * the header without the agent, so that what the header itself costs is told apart from what the agent costs.
 */
@Configuration
@ConditionalOnProperty(name = "forward.env", havingValue = "true")
public class HandForwarding {

  @Bean
  public RequestInterceptor forwardEnv() {
    return template -> {
      if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
        String env = attributes.getRequest().getHeader("env");
        if (env != null) {
          template.header("env", env);
        }
      }
    };
  }
}
