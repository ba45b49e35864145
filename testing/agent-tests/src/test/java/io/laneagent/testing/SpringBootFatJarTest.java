package io.laneagent.testing;

import static io.laneagent.testing.Probes.laneHeader;
import static io.laneagent.testing.Probes.newId;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * An unmodified Spring Boot 3 fat jar started as {@code java -javaagent:lane-agent.jar -jar app.jar}:
 * the controller and Spring's classes load through Spring Boot's nested-jar class loader, Tomcat runs
 * embedded, RestTemplate calls on through HttpURLConnection.
 */
class SpringBootFatJarTest {

  @Test
  void restTemplateForwardsTheLaneFromAFatJar() throws Exception {
    Path jar = Paths.get(System.getProperty("lane.test.spring-boot3.jar"));
    try (Downstream downstream = new Downstream();
        AppJvm app = AppJvm.ofJar(jar, "--server.port=0", "--server.address=127.0.0.1").env("LANE_LOCAL", "prod").start()) {
      String target = URLEncoder.encode(downstream.url("/next"), StandardCharsets.UTF_8);
      for (String lane : new String[] {"gray", null, "daily", "gray"}) {
        String id = newId();
        RawHttp.Response response = app.get("/probe?target=" + target + "&id=" + id, laneHeader(lane));
        assertThat(response.body()).as(app.output()).isEqualTo("called " + id + " via resttemplate: 200");
        assertThat(downstream.await(id).values("env")).as("%s", lane).containsExactly(lane == null ? "prod" : lane);
      }
    }
  }
}
