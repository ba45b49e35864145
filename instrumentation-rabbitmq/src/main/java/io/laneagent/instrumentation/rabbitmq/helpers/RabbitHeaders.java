package io.laneagent.instrumentation.rabbitmq.helpers;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Lanes in AMQP message headers, both ways. Header names are compared exactly (AMQP headers are case
 * sensitive); values are written as strings and read from strings, {@code LongString}s (what the broker
 * delivers) and UTF-8 bytes. A helper, defined in the loader that has amqp-client.
 */
public final class RabbitHeaders {

  private RabbitHeaders() {}

  /**
   * {@code properties} with the lanes and trace headers the current work sends, added to its headers;
   * the same object when there is nothing to add (no lane, or the application set each header itself).
   * Properties are immutable, so a copy is built.
   */
  public static AMQP.BasicProperties withLanes(AMQP.BasicProperties properties) {
    Map<String, Object> headers = properties == null ? null : properties.getHeaders();
    Map<String, Object> added = null;
    for (OutboundHeaders out = OutboundHeaders.start("RabbitMQ"); out != null && out.next(); ) {
      String value = out.valueGiven(headers == null ? null : text(headers.get(out.name())));
      if (value != null) {
        if (added == null) {
          added = headers == null ? new HashMap<String, Object>() : new HashMap<String, Object>(headers);
        }
        added.put(out.name(), value);
      }
    }
    if (added == null) {
      return properties;
    }
    AMQP.BasicProperties.Builder builder = properties == null ? new AMQP.BasicProperties.Builder() : properties.builder();
    return builder.headers(added).build();
  }

  /** The lanes a delivered message's properties carry (none for null), validated like an HTTP request's. */
  public static Lanes lanesOf(AMQP.BasicProperties properties) {
    return lanesFrom(properties == null ? null : properties.getHeaders(), "rabbitmq consumer");
  }

  /** The lanes in a message's header map, read for {@code source}. */
  public static Lanes lanesFrom(Map<String, Object> headers, String source) {
    InboundLaneReader reader = InboundLaneReader.startForMessage();
    if (headers != null && !headers.isEmpty()) {
      String[] names = reader.headers();
      for (int i = 0; i < names.length; i++) {
        reader.add(i, text(headers.get(names[i])));
      }
    }
    return reader.finish(source);
  }

  /** A header value as text, or null when it is not one (absent, a number, a table, an array). */
  static String text(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof LongString) {
      return value.toString(); // UTF-8
    }
    if (value instanceof byte[]) {
      return new String((byte[]) value, StandardCharsets.UTF_8);
    }
    return null;
  }
}
