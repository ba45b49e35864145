package io.laneagent.instrumentation.api;

import java.util.List;

/**
 * One switchable piece of library support ("servlet", "http-url-connection", …), found by the agent
 * through {@link java.util.ServiceLoader}. Its {@link #name()} is the {@code <name>} of
 * {@code lane.instrumentation.<name>.enabled}: keep it stable, users put it in their configuration.
 */
public interface LaneInstrumentation {

  String name();

  /** False to skip this instrumentation on the running JVM (a JDK API it needs is missing, say). */
  boolean isSupported();

  List<TypeInstrumentation> typeInstrumentations();

  /**
   * The libraries and versions this instrumentation supports, one line, for the self-check
   * ({@code java -jar lane-agent.jar}); keep it in line with the README's table of supported libraries.
   */
  default String supports() {
    return "";
  }

  /**
   * A {@code lane.*} key (without the prefix) that switches this instrumentation off when false, besides
   * its own {@code lane.instrumentation.<name>.enabled}: {@code mdc} for the logging instrumentations.
   * Null for none.
   */
  default String switchedOffBy() {
    return null;
  }
}
