package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Under the built jar on this JVM (9+): Byte Buddy's transformer is the precompiled module-aware one
 * and nothing is generated at premain (see PrecompiledCreationAction). That the module really reaches
 * Byte Buddy is proven by the agent tests on JDK modules (java.net.http's client, JDK 17 and 25).
 */
class ExecutingTransformerFactoryIT {

  /** Started with the agent; only needs to exist. */
  public static final class Main {
    public static void main(String[] args) {
      System.out.println("main ran");
    }
  }

  @Test
  void thePrecompiledModuleAwareTransformerIsUsed() throws IOException, InterruptedException {
    Path jar = Paths.get(System.getProperty("lane.agent.jar", "target/lane-agent.jar")).toAbsolutePath();
    List<String> command = Arrays.asList(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info", "-javaagent:" + jar, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = new String(output, StandardCharsets.UTF_8);
    assertThat(log).contains("main ran").contains("started in");
    assertThat(log).contains("io.laneagent.shaded.net.bytebuddy.agent.builder.ModuleAwareExecutingTransformer source:");
    assertThat(log).contains("io.laneagent.shaded.net.bytebuddy.agent.builder.ModuleAwareExecutingTransformerFactory source:");
    assertThat(log).doesNotContain("$ByteBuddy$ModuleSupport").doesNotContain("could not");
  }
}
