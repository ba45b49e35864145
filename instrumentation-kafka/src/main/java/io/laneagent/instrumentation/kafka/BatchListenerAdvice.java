package io.laneagent.instrumentation.kafka;

import io.laneagent.bootstrap.RecordLanes;
import java.util.List;
import net.bytebuddy.asm.Advice;

/** The batch a Spring Kafka batch listener receives, wrapped so iterating it switches lanes per record. */
public final class BatchListenerAdvice {

  private BatchListenerAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) List<?> records) {
    records = RecordLanes.list(records);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  public static void onExit() {
    RecordLanes.endOfRecord(); // the batch is done: its last record's lanes go
  }
}
