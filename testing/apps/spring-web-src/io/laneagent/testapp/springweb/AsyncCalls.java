package io.laneagent.testapp.springweb;

import io.laneagent.testapp.Probe;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;

/**
 * A plain Spring {@code @Async} method on Boot's task executor: a ThreadPoolTaskExecutor, or with
 * {@code spring.threads.virtual.enabled=true} a SimpleAsyncTaskExecutor on virtual threads.
 */
@Component
public class AsyncCalls {

  @Async
  public CompletableFuture<String> onTaskExecutor(Map<String, String> params) throws Exception {
    return CompletableFuture.completedFuture(Probe.call(params));
  }

  @Async
  public CompletableFuture<String> threadName() {
    return CompletableFuture.completedFuture(Thread.currentThread().toString());
  }
}
