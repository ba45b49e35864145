package io.laneagent.instrumentation.kafka;

import io.laneagent.bootstrap.RecordLanes;
import java.util.Iterator;
import net.bytebuddy.asm.Advice;

/** Wraps the {@code Iterator} the application iterates so each record brings its lanes. */
public final class RecordsIteratorAdvice {

  private RecordsIteratorAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false) Iterator<?> records) {
    records = RecordLanes.iterator(records);
  }
}
