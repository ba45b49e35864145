package io.laneagent.instrumentation.rabbitmq.helpers;

import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.RecordLanes;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Message;

/**
 * Spring AMQP messages given to a listener container: one message runs with its lanes; for a batch the
 * lanes of each message are remembered and the listener gets a list whose iteration switches to them (the
 * core's per-record lanes, as for Kafka batches). A helper, defined in the loader that has Spring AMQP.
 */
public final class SpringMessageLanes {

  private static final Object BATCH = new Object();
  private static final String SOURCE = "spring-rabbit listener";

  private SpringMessageLanes() {}

  /** Starts {@code data}'s lanes; returns what {@link #exit} ends. */
  public static Object enter(Object data) {
    if (data instanceof Message) {
      return LaneContext.enterCallback(lanesOf((Message) data));
    }
    if (data instanceof List) {
      Map<Object, Lanes> batch = RecordLanes.newBatch();
      for (Object message : (List<?>) data) {
        if (message instanceof Message) {
          RecordLanes.remember(batch, message, lanesOf((Message) message));
        }
      }
      RecordLanes.polled(batch);
      return BATCH;
    }
    return null;
  }

  /** {@code data} as the listener should get it: a batch as a lane-switching list. */
  public static Object laned(Object data) {
    return data instanceof List ? RecordLanes.list((List<?>) data) : data;
  }

  public static void exit(Object scope) {
    if (scope == BATCH) {
      RecordLanes.endOfRecord();
      RecordLanes.polled(null);
    } else {
      LaneContext.exitCallback(scope);
    }
  }

  private static Lanes lanesOf(Message message) {
    return RabbitHeaders.lanesFrom(message.getMessageProperties() == null ? null : message.getMessageProperties().getHeaders(),
        SOURCE);
  }
}
