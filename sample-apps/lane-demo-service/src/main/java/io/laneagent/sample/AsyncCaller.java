package io.laneagent.sample;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/** Calls {@code --async.url} from an {@code @Async} method (Boot's task executor), with a plain RestTemplate. */
@Component
public class AsyncCaller {

  private final RestTemplate restTemplate = new RestTemplate();
  private final String url;

  public AsyncCaller(@Value("${async.url:}") String url) {
    this.url = url;
  }

  boolean enabled() {
    return !url.isEmpty();
  }

  @Async
  public CompletableFuture<String> call() {
    return CompletableFuture.completedFuture(restTemplate.getForObject(URI.create(url + "/sayHello"), String.class));
  }
}
