package io.laneagent.instrumentation.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** An instrumentation made of several {@link TypeInstrumentation}s, switched on and off together. */
public abstract class GroupInstrumentation implements LaneInstrumentation {

  private final String name;
  private final List<TypeInstrumentation> types;

  /** {@code name}: the user-facing {@code lane.instrumentation.<name>.enabled} key; keep it stable. */
  protected GroupInstrumentation(String name, TypeInstrumentation... types) {
    this.name = name;
    this.types = Collections.unmodifiableList(Arrays.asList(types));
  }

  @Override
  public final String name() {
    return name;
  }

  /** True unless overridden. */
  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public final List<TypeInstrumentation> typeInstrumentations() {
    return types;
  }
}
