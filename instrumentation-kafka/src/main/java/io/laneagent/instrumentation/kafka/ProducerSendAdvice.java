package io.laneagent.instrumentation.kafka;

import io.laneagent.bootstrap.MessageHeaders;
import io.laneagent.bootstrap.OutboundHeaders;
import net.bytebuddy.asm.Advice;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Inlined into {@code KafkaProducer.send}: the lanes (or the own lane) become record headers unless the
 * application set them. Headers of an already-sent record are read-only; adding then fails inside this
 * advice only (suppressed) and the send goes on unchanged.
 */
public final class ProducerSendAdvice {

  private ProducerSendAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(0) ProducerRecord<?, ?> record,
      @Advice.FieldValue("apiVersions") Object apiVersions) {
    if (record == null) {
      return;
    }
    OutboundHeaders out = OutboundHeaders.start("KafkaProducer");
    if (out == null || !MessageHeaders.kafkaProducerSupportsHeaders(apiVersions)) {
      return;
    }
    Headers headers = record.headers();
    while (out.next()) {
      // Kafka header keys are case-sensitive, lane headers are not (HTTP semantics): compare by hand,
      // here in the advice (a helper method would have to name Kafka types outside the client's loader)
      Header present = null;
      for (Header header : headers) {
        if (header.key().equalsIgnoreCase(out.name())) {
          present = header;
          break;
        }
      }
      String value = out.valueGiven(present == null ? null : MessageHeaders.text(present.value()));
      if (value != null) {
        if (present != null) {
          headers.remove(present.key()); // a merged baggage replaces the record's own
        }
        headers.add(out.name(), MessageHeaders.bytes(value));
      }
    }
  }
}
