package io.laneagent.instrumentation.rocketmq;

import io.laneagent.bootstrap.RecordLanes;
import io.laneagent.instrumentation.rocketmq.helpers.RocketMqMessageLanes;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the methods that hand the application a list of messages on the thread that will work on
 * them ({@code ProcessQueue.takeMessages}, {@code DefaultLitePullConsumer.poll}): the previous list's last
 * lane ends; the list returned switches to each message's lanes as it is iterated or read by index.
 */
public final class LanedMessagesAdvice {

  private LanedMessagesAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter() {
    RecordLanes.endOfRecord();
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false) List<?> messages) {
    messages = RocketMqMessageLanes.laned(messages);
  }
}
