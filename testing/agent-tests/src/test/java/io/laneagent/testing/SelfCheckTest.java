package io.laneagent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar lane-agent.jar}: the self-check a person runs, on a good and on a bad configuration. */
class SelfCheckTest {

  @Test
  void aGoodConfigurationIsShownWithItsSourcesAndExitsZero() throws Exception {
    Result result = selfCheck(List.of("-Dlane.trace-headers=none"), Map.of("LANE_LOCAL", "gray"), "headers=env,x-user");
    assertThat(result.exitStatus).as(result.output).isZero();
    assertThat(result.output).startsWith("lane-agent ")
        .containsPattern("lane\\.headers +env,x-user +agent argument")
        .containsPattern("lane\\.local +gray +environment variable LANE_LOCAL")
        .containsPattern("lane\\.trace-headers +none +system property -Dlane.trace-headers")
        .containsPattern("lane\\.mdc +true +default")
        .contains("Problems:\n  (none)")
        .containsPattern("servlet +on +javax.servlet and jakarta.servlet")
        .containsPattern("logback +on +Logback 1\\.2\\.0")
        .containsPattern("kafka +on +kafka-clients")
        .contains("Result: the configuration is valid. Exit status 0.");
  }

  @Test
  void aBadConfigurationNamesEveryProblemAndExitsOne() throws Exception {
    Result result = selfCheck(List.of("-Dlane.hedaers=env", "-Dlane.mdc=maybe"), Map.of("LANE_LOCAL", "gr@y"),
        "instrumentation.kafka.enabled=false");
    assertThat(result.exitStatus).as(result.output).isEqualTo(1);
    assertThat(result.output)
        .contains("ERROR ignoring the unknown system property -Dlane.hedaers")
        .contains("ERROR ignoring lane.local=gr@y (environment variable LANE_LOCAL): it contains a character outside")
        .contains("ERROR ignoring lane.mdc=maybe (system property -Dlane.mdc): expected true or false")
        .containsPattern("lane\\.local +\\(unset\\) +default \\(environment variable LANE_LOCAL ignored\\)")
        .containsPattern("kafka +off \\(disabled\\)")
        .contains("Result: 3 configuration errors");
  }

  @Test
  void mdcOffShowsTheLoggingInstrumentationsOff() throws Exception {
    Result result = selfCheck(List.of(), Map.of(), "mdc=false");
    assertThat(result.exitStatus).as(result.output).isZero();
    assertThat(result.output).containsPattern("logback +off \\(lane.mdc=false\\)")
        .containsPattern("log4j2 +off \\(lane.mdc=false\\)");
  }

  private static Result selfCheck(List<String> jvmArgs, Map<String, String> env, String agentArgs) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(AppJvm.agentJar().toString());
    command.add(agentArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("LANE_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private static final class Result {
    final int exitStatus;
    final String output;

    Result(int exitStatus, String output) {
      this.exitStatus = exitStatus;
      this.output = output;
    }
  }
}
