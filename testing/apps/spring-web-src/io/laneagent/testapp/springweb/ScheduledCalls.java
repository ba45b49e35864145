package io.laneagent.testapp.springweb;

import io.laneagent.testapp.Probe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A plain {@code @Scheduled} job: calls the downstream as {@code scheduled-<instance>-<n>}. No request
 * started it, so it runs in the own lane.
 */
@Component
public class ScheduledCalls {

  private final AtomicInteger runs = new AtomicInteger();
  private final String target;
  private final String instance;

  public ScheduledCalls(@Value("${downstream.url}") String downstream, @Value("${probe.instance:none}") String instance) {
    this.target = downstream + "/next";
    this.instance = instance;
  }

  @Scheduled(fixedDelay = 200)
  public void callDownstream() throws Exception {
    int n = runs.incrementAndGet();
    if (n > 5) {
      return;
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("target", target);
    params.put("id", "scheduled-" + instance + "-" + n);
    Probe.call(params);
  }
}
