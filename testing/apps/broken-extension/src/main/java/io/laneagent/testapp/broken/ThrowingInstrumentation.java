package io.laneagent.testapp.broken;

import io.laneagent.instrumentation.api.LaneInstrumentation;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import java.util.List;

/** An instrumentation whose set-up throws: the agent must skip it and install the others. */
public final class ThrowingInstrumentation implements LaneInstrumentation {

  @Override
  public String name() {
    return "test-throwing";
  }

  @Override
  public boolean isSupported() {
    return true;
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    throw new IllegalStateException("deliberately broken set-up");
  }
}
