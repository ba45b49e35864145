package io.laneagent.agent.config;

import io.laneagent.bootstrap.LaneSettings;
import java.util.Collections;
import java.util.List;

/** The loaded configuration: the run-time settings, which instrumentations are on, what was wrong. */
public final class AgentConfig {

  private final LaneSettings settings;
  private final List<String> problems;
  private final ConfigLoader loader;

  AgentConfig(LaneSettings settings, List<String> problems, ConfigLoader loader) {
    this.settings = settings;
    this.problems = Collections.unmodifiableList(problems); // live: isEnabled may add to it
    this.loader = loader;
  }

  public LaneSettings settings() {
    return settings;
  }

  /** One message per malformed or unknown setting, each naming the key and its source. */
  public List<String> problems() {
    return problems;
  }

  /** {@code lane.instrumentation.<name>.enabled} (default true); a malformed value is reported. */
  public boolean isEnabled(String instrumentationName) {
    return loader.isEnabled(instrumentationName);
  }
}
