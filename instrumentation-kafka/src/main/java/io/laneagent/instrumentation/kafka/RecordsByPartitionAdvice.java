package io.laneagent.instrumentation.kafka;

import io.laneagent.bootstrap.RecordLanes;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** Wraps the {@code List} the application iterates so each record brings its lanes. */
public final class RecordsByPartitionAdvice {

  private RecordsByPartitionAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false) List<?> records) {
    records = RecordLanes.list(records);
  }
}
