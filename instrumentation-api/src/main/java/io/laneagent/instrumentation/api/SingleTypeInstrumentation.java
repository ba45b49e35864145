package io.laneagent.instrumentation.api;

import java.util.Collections;
import java.util.List;

/** An instrumentation that is exactly one {@link TypeInstrumentation}: most are. */
public abstract class SingleTypeInstrumentation implements LaneInstrumentation, TypeInstrumentation {

  private final String name;

  /** {@code name}: the user-facing {@code lane.instrumentation.<name>.enabled} key; keep it stable. */
  protected SingleTypeInstrumentation(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  /** True unless overridden (for example for a JDK API that older JVMs lack). */
  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public final List<TypeInstrumentation> typeInstrumentations() {
    return Collections.<TypeInstrumentation>singletonList(this);
  }
}
