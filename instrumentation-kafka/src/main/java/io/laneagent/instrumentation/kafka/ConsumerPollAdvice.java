package io.laneagent.instrumentation.kafka;

import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.LaneSettings;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.MessageHeaders;
import io.laneagent.bootstrap.RecordLanes;
import io.laneagent.instrumentation.kafka.isolation.IsolatedConsumers;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;

/**
 * Inlined into {@code KafkaConsumer.poll}. On entry the last record's lanes end (the application is
 * done with it); on exit every record's lane headers are read and validated like inbound HTTP headers,
 * and kept for this thread's iteration of the batch. With {@code lane.kafka.isolation} the batch loses the
 * records of other lanes first ({@code IsolatedConsumers}: the class is only resolved, and injected, then).
 */
public final class ConsumerPollAdvice {

  private ConsumerPollAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This Object consumer) {
    RecordLanes.endOfRecord();
    if (LaneSettings.current().kafkaIsolation()) {
      IsolatedConsumers.beforePoll(consumer);
    }
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This Object consumer,
      @Advice.Return(readOnly = false) ConsumerRecords<?, ?> records) {
    // no batch is current while this advice reads the new one: the views it iterates stay unwrapped
    RecordLanes.polled(null);
    if (records == null || records.isEmpty()) {
      return;
    }
    Map<Object, Lanes> batch = RecordLanes.newBatch();
    for (ConsumerRecord<?, ?> record : records) {
      InboundLaneReader reader = InboundLaneReader.startForMessage();
      String[] names = reader.headers();
      for (Header header : record.headers()) {
        for (int i = 0; i < names.length; i++) {
          if (names[i].equalsIgnoreCase(header.key())) {
            reader.add(i, MessageHeaders.text(header.value()));
          }
        }
      }
      RecordLanes.remember(batch, record, reader.finish("kafka consumer"));
    }
    if (LaneSettings.current().kafkaIsolation()) {
      records = IsolatedConsumers.afterPoll(consumer, records, batch);
    }
    RecordLanes.polled(batch);
  }
}
