package io.laneagent.agent;

import java.util.List;
import java.util.Map;

/**
 * What the agent did, readable at run time over JMX as {@code io.laneagent:type=LaneAgent} (jconsole,
 * {@code jcmd}, the Prometheus JMX exporter, any JMX client). Open types only (an MXBean): a client needs
 * no class of ours. Counters count since the JVM started; see docs/configuration.md, "The agent's MBean".
 */
public interface LaneAgentMXBean {

  String getVersion();

  /** {@code lane.<key>} → its effective value. */
  Map<String, String> getConfiguration();

  /** {@code lane.<key>} → where the value came from: default, agent argument, system property, environment variable. */
  Map<String, String> getConfigurationSources();

  /** Configuration problems found at start (the same lines as the WARNs on stderr). */
  List<String> getConfigurationProblems();

  /** Instrumentation name → "on", or "off" with the reason. */
  Map<String, String> getInstrumentations();

  /** Instrumentation name → the classes it advised so far. */
  Map<String, List<String>> getAdvisedClasses();

  /** Inbound source (servlet, jdk-httpserver, WebFlux, kafka consumer) → requests or records that came with a lane. */
  Map<String, Long> getLanesCaptured();

  /** Client → headers the agent wrote on outbound requests and messages. */
  Map<String, Long> getHeadersInjected();

  /**
   * Client → headers the application had set itself to a value other than the lane's, so the agent left
   * them. A header that already has the lane's value (a client layer above wrote it, or the application
   * forwards it) is counted under neither this nor {@link #getHeadersInjected()}.
   */
  Map<String, Long> getHeadersKept();

  /** Reason → inbound values dropped (conflicting values, invalid lane, not in lane.allowed, invalid trace header, untrusted inbound). */
  Map<String, Long> getValuesDropped();

  /** Tasks that ran on another thread with the lanes of their hand-off. */
  long getHandOffsCarried();

  /** Consumed message records whose lanes became current while the application iterated its batch. */
  long getRecordsSwitched();

  /**
   * Kafka lane isolation ({@code lane.kafka.isolation}): records kept from the application (another lane's),
   * records of a lane without a live group taken over from its offsets, records processed here that the
   * lane's consumers process again after their group came back.
   */
  Map<String, Long> getRecordsIsolated();
}
