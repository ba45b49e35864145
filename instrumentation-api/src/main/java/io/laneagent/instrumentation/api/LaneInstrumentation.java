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
}
