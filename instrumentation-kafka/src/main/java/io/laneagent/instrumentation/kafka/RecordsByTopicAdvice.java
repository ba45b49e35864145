package io.laneagent.instrumentation.kafka;

import io.laneagent.bootstrap.RecordLanes;
import net.bytebuddy.asm.Advice;

/** Wraps the {@code Iterable} the application iterates so each record brings its lanes. */
public final class RecordsByTopicAdvice {

  private RecordsByTopicAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false) Iterable<?> records) {
    records = RecordLanes.iterable(records);
  }
}
