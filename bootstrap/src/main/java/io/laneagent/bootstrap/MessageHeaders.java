package io.laneagent.bootstrap;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** Small helpers for message headers (bytes) and producer capabilities, shared by messaging advice. */
public final class MessageHeaders {

  private static final ConcurrentHashMap<Class<?>, Method> MAGIC = new ConcurrentHashMap<>();
  private static final Method NONE;

  static {
    try {
      NONE = Object.class.getMethod("hashCode");
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private MessageHeaders() {}

  /** A header value as text; lane values are ASCII, anything else is rejected by validation later. */
  public static String text(byte[] value) {
    return value == null ? null : new String(value, StandardCharsets.UTF_8);
  }

  public static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether the Kafka producer behind {@code apiVersions} may send record headers: brokers (or topics)
   * on message format v0/v1 cannot carry them, and the producer would then fail the application's send.
   * kafka-clients 4 dropped those formats and the method with them: then always true.
   */
  public static boolean kafkaProducerSupportsHeaders(Object apiVersions) {
    if (apiVersions == null) {
      return true;
    }
    Method magic = MAGIC.get(apiVersions.getClass());
    if (magic == null) {
      try {
        magic = apiVersions.getClass().getMethod("maxUsableProduceMagic");
      } catch (NoSuchMethodException e) {
        magic = NONE;
      }
      MAGIC.put(apiVersions.getClass(), magic);
    }
    if (magic == NONE) {
      return true;
    }
    try {
      if (((Number) magic.invoke(apiVersions)).intValue() >= 2) {
        return true;
      }
    } catch (Exception e) {
      return true;
    }
    LaneLog.warnRateLimited("kafka-magic", "a Kafka broker or topic uses a message format before 0.11, which cannot carry "
        + "record headers: records are sent without lanes");
    return false;
  }
}
