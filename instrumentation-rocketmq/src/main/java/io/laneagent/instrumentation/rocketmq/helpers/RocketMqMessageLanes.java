package io.laneagent.instrumentation.rocketmq.helpers;

import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundHeaders;
import io.laneagent.bootstrap.RecordLanes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageBatch;

/**
 * Lanes in RocketMQ user properties, both ways (a property the application set wins). A helper, defined in
 * the loader that has rocketmq-client.
 */
public final class RocketMqMessageLanes {

  private RocketMqMessageLanes() {}

  /** Adds the current work's lanes to a message, or to each message of a collection (a batch being built). */
  public static void addLanes(Object messages) {
    if (messages instanceof MessageBatch) {
      return; // encoded already: its messages got theirs in DefaultMQProducer.batch
    }
    if (messages instanceof Message) {
      addTo((Message) messages);
    } else if (messages instanceof Collection) {
      for (Object message : (Collection<?>) messages) {
        if (message instanceof Message) {
          addTo((Message) message);
        }
      }
    }
  }

  private static void addTo(Message message) {
    for (OutboundHeaders out = OutboundHeaders.start("RocketMQ"); out != null && out.next(); ) {
      String value = out.valueGiven(message.getUserProperty(out.name()));
      if (value != null) {
        message.putUserProperty(out.name(), value);
      }
    }
  }

  /** {@code messages} as a view that switches to each message's lanes; the list itself when none has any. */
  public static List<?> laned(List<?> messages) {
    if (messages == null || messages.isEmpty()) {
      return messages;
    }
    Map<Object, Lanes> batch = RecordLanes.newBatch();
    for (Object message : messages) {
      if (message instanceof Message) {
        RecordLanes.remember(batch, message, lanesOf((Message) message));
      }
    }
    return RecordLanes.listReadByIndex(messages, batch);
  }

  private static Lanes lanesOf(Message message) {
    InboundLaneReader reader = InboundLaneReader.startForMessage();
    String[] names = reader.headers();
    for (int i = 0; i < names.length; i++) {
      reader.add(i, message.getUserProperty(names[i]));
    }
    return reader.finish("rocketmq consumer");
  }
}
