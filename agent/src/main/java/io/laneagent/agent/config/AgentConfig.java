package io.laneagent.agent.config;

import io.laneagent.bootstrap.LaneSettings;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The loaded configuration: the run-time settings, which instrumentations are on, what was wrong. */
public final class AgentConfig {

  private final LaneSettings settings;
  private final List<String> problems;
  private final List<String> errors;
  private final ConfigLoader loader;

  AgentConfig(LaneSettings settings, List<String> problems, List<String> errors, ConfigLoader loader) {
    this.settings = settings;
    this.problems = Collections.unmodifiableList(problems); // live: isEnabled may add to it
    this.errors = Collections.unmodifiableList(errors);
    this.loader = loader;
  }

  public LaneSettings settings() {
    return settings;
  }

  /** One message per malformed, unknown or noteworthy setting, each naming the key and its source. */
  public List<String> problems() {
    return problems;
  }

  /** Those of {@link #problems()} where a setting was not used as given (malformed, unknown, refused). */
  public List<String> errors() {
    return errors;
  }

  /** {@code lane.instrumentation.<name>.enabled} (default true); a malformed value is reported. */
  public boolean isEnabled(String instrumentationName) {
    return loader.isEnabled(instrumentationName);
  }

  /** A boolean switch {@code lane.<key>} (default true), such as {@code mdc}: false only when set to false. */
  public boolean switchedOn(String key) {
    return loader.switchedOn(key);
  }

  /** {@code lane.weave-ahead}: where this JVM weaves ahead to before it exits, or null (see ConfigLoader). */
  public String weaveAhead() {
    return loader.weaveAhead();
  }

  /** {@code lane.jmx} (default true): the agent registers its MBean. */
  public boolean jmxEnabled() {
    return loader.jmxEnabled();
  }

  /** {@code lane.<key>} → {effective value, where it came from}, every key in a stable order. */
  public Map<String, String[]> effective() {
    return loader.effective(settings);
  }
}
