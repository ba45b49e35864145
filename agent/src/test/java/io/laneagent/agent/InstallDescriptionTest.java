package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.laneagent.agent.config.AgentConfig;
import io.laneagent.agent.config.ConfigLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class InstallDescriptionTest {

  private static AgentConfig config(String agentArgs) {
    return new ConfigLoader(agentArgs, new Properties(), Collections.<String, String>emptyMap()).load();
  }

  @Test
  void aDescriptionReadBackIsTheOneRecordedAndRecordsTheInstrumentationsOnlyWhenAsked() throws Exception {
    AgentConfig config = config("instrumentation.kafka.enabled=false");
    InstallDescription recorded = InstallDescription.record(config);
    assertThat(recorded.isRecorded()).isTrue();
    assertThat(recorded.active()).contains("servlet", "http-url-connection", "executors").doesNotContain("kafka");
    assertThat(recorded.off()).contains("kafka (disabled)");
    assertThat(recorded.signatures()).isNotEmpty();

    InstallDescription read = InstallDescription.fromBytes(recorded.toBytes(), config);
    assertThat(read.isRecorded()).as("read from bytes: no instrumentation recorded yet").isFalse();
    assertThat(read.states()).containsExactlyEntriesOf(recorded.states());
    assertThat(read.toBytes()).isEqualTo(recorded.toBytes());
    assertThat(prefilterOwners(read)).isEqualTo(prefilterOwners(recorded));
    InstallPassDiscovery fromRecorded = new InstallPassDiscovery();
    recorded.addRootsTo(fromRecorded);
    InstallPassDiscovery fromRead = new InstallPassDiscovery();
    read.addRootsTo(fromRead);
    assertThat(fromRead.roots()).isEqualTo(fromRecorded.roots()).contains("java.lang.Thread");
    assertThat(fromRead.everything()).isEqualTo(fromRecorded.everything());

    // Byte Buddy set up: the instrumentations are recorded now, with the owner ids the prefilter was given
    List<String> names = new ArrayList<>();
    for (AgentBuilders.RecordedModule module : read.recordedModules()) {
      names.add(module.name);
    }
    assertThat(names).isEqualTo(recorded.active());
    assertThat(read.isRecorded()).isTrue();
  }

  @Test
  void instrumentationsThatDescribeThemselvesOtherwiseThanTheFileAreNotUsed() throws Exception {
    // a file written for another configuration, read as if it were this one's (a fingerprint cannot let that
    // happen; the check is for a file that lies): Byte Buddy is not set up with matchers the prefilter did not get
    byte[] otherConfiguration = InstallDescription.record(config("instrumentation.kafka.enabled=false")).toBytes();
    InstallDescription read = InstallDescription.fromBytes(otherConfiguration, config(""));
    assertThatThrownBy(read::recordedModules).isInstanceOf(IOException.class)
        .hasMessageContaining("describe themselves otherwise than the woven-classes file says");
  }

  @Test
  void aDescriptionWithBytesAfterItsEndIsRefused() throws Exception {
    byte[] bytes = InstallDescription.record(config("")).toBytes();
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> InstallDescription.fromBytes(longer, config(""))).isInstanceOf(IOException.class);
    byte[] shorter = java.util.Arrays.copyOf(bytes, bytes.length - 1);
    assertThatThrownBy(() -> InstallDescription.fromBytes(shorter, config(""))).isInstanceOf(IOException.class);
  }

  private static List<Integer> prefilterOwners(InstallDescription description) {
    List<Integer> owners = new ArrayList<>();
    for (SignaturePrefilter.Entry entry : description.signatures()) {
      owners.add(entry.owner);
    }
    return owners;
  }
}
