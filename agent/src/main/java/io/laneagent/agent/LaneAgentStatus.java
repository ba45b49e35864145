package io.laneagent.agent;

import io.laneagent.bootstrap.LaneCounters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The MBean: what the installer found at start, and the core's live counters. */
final class LaneAgentStatus implements LaneAgentMXBean {

  private final String version;
  private final Map<String, String> configuration = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> problems;
  private final Map<String, String> instrumentations;
  private final AdvisedClasses advised;

  LaneAgentStatus(String version, Map<String, String[]> effective, List<String> problems,
      Map<String, String> instrumentations, AdvisedClasses advised) {
    this.version = version;
    for (Map.Entry<String, String[]> entry : effective.entrySet()) {
      configuration.put(entry.getKey(), entry.getValue()[0]);
      sources.put(entry.getKey(), entry.getValue()[1]);
    }
    this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    this.instrumentations = Collections.unmodifiableMap(new LinkedHashMap<>(instrumentations));
    this.advised = advised;
  }

  @Override
  public String getVersion() {
    return version;
  }

  @Override
  public Map<String, String> getConfiguration() {
    return configuration;
  }

  @Override
  public Map<String, String> getConfigurationSources() {
    return sources;
  }

  @Override
  public List<String> getConfigurationProblems() {
    return problems;
  }

  @Override
  public Map<String, String> getInstrumentations() {
    return instrumentations;
  }

  @Override
  public Map<String, List<String>> getAdvisedClasses() {
    return advised.snapshot();
  }

  @Override
  public Map<String, Long> getLanesCaptured() {
    return LaneCounters.lanesCaptured();
  }

  @Override
  public Map<String, Long> getHeadersInjected() {
    return LaneCounters.headersInjected();
  }

  @Override
  public Map<String, Long> getHeadersKept() {
    return LaneCounters.headersKept();
  }

  @Override
  public Map<String, Long> getValuesDropped() {
    return LaneCounters.valuesDropped();
  }

  @Override
  public long getHandOffsCarried() {
    return LaneCounters.handOffsCarried();
  }

  @Override
  public long getRecordsSwitched() {
    return LaneCounters.recordsSwitched();
  }

  @Override
  public Map<String, Long> getRecordsIsolated() {
    return LaneCounters.isolation();
  }
}
