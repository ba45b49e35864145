package io.laneagent.instrumentation.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneagent.bootstrap.MessageHeaders;
import org.apache.kafka.clients.ApiVersions;
import org.apache.kafka.clients.NodeApiVersions;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

/**
 * The producer's decision whether records may carry lane headers, taken from kafka-clients' own
 * {@code ApiVersions} (2.8.2, the oldest client we claim): a broker that offers only Produce v2 or older
 * (Kafka before 0.11: message format v1, no record headers) gets records without lanes — adding headers
 * would make the client fail the application's send — and newer brokers get them. No broker before 0.11
 * runs on KRaft, so this is checked here, against the client's real bookkeeping of what a broker offers,
 * not on the wire.
 */
class OldMessageFormatTest {

  @Test
  void aBrokerBefore011GetsNoHeaders() {
    ApiVersions versions = new ApiVersions();
    versions.update("0", NodeApiVersions.create(ApiKeys.PRODUCE.id, (short) 0, (short) 2));
    assertThat(versions.maxUsableProduceMagic()).as("the client's own view").isEqualTo((byte) 1);
    assertThat(MessageHeaders.kafkaProducerSupportsHeaders(versions)).isFalse();
  }

  @Test
  void aBrokerFrom011OnGetsHeaders() {
    ApiVersions versions = new ApiVersions();
    versions.update("0", NodeApiVersions.create(ApiKeys.PRODUCE.id, (short) 0, (short) 3));
    assertThat(MessageHeaders.kafkaProducerSupportsHeaders(versions)).isTrue();
  }

  @Test
  void oneOldBrokerInTheClusterIsEnough() {
    ApiVersions versions = new ApiVersions();
    versions.update("0", NodeApiVersions.create(ApiKeys.PRODUCE.id, (short) 0, (short) 9));
    versions.update("1", NodeApiVersions.create(ApiKeys.PRODUCE.id, (short) 0, (short) 2));
    assertThat(MessageHeaders.kafkaProducerSupportsHeaders(versions)).isFalse();
  }

  @Test
  void anUnknownShapeIsTreatedAsNew() {
    assertThat(MessageHeaders.kafkaProducerSupportsHeaders(null)).isTrue();
    assertThat(MessageHeaders.kafkaProducerSupportsHeaders(new Object())).isTrue(); // kafka-clients 4: no such method
  }
}
