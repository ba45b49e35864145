package io.laneagent.instrumentation.kafka;

import io.laneagent.instrumentation.kafka.isolation.IsolatedConsumerConfig;
import io.laneagent.instrumentation.kafka.isolation.IsolatedConsumers;
import net.bytebuddy.asm.Advice;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Inlined into the {@code KafkaConsumer(ConsumerConfig, Deserializer, Deserializer)} constructor, which every
 * public one calls (kafka-clients 2.x to 4.x; since 3.7 it picks the consumer implementation from it): a lane
 * pod's consumer is built with its lane group, and every consumer of a group is registered for isolation.
 */
public final class ConsumerConstructorAdvice {

  private ConsumerConstructorAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.Argument(value = 0, readOnly = false) ConsumerConfig config) {
    config = IsolatedConsumerConfig.withLaneGroup(config);
  }

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.This Object consumer, @Advice.Argument(0) ConsumerConfig config) {
    IsolatedConsumers.register(consumer, config);
  }
}
