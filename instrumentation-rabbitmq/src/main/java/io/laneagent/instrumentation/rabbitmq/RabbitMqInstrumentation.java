package io.laneagent.instrumentation.rabbitmq;

import io.laneagent.instrumentation.api.GroupInstrumentation;

/**
 * Lanes through RabbitMQ: published messages carry them as headers (amqp-client's channel, so
 * {@code RabbitTemplate} too), every {@code Consumer.handleDelivery} runs with its message's lanes, and
 * Spring AMQP's listener containers run each message — each element of a batch, as the listener iterates
 * it — with that message's lanes.
 */
public final class RabbitMqInstrumentation extends GroupInstrumentation {

  static final String HEADERS_HELPER = "io.laneagent.instrumentation.rabbitmq.helpers.RabbitHeaders";

  public RabbitMqInstrumentation() {
    super("rabbitmq", new ChannelPublishInstrumentation(), new ConsumerDeliveryInstrumentation(),
        new SpringListenerContainerInstrumentation());
  }

  @Override
  public String supports() {
    return "amqp-client 5.0.0 ... 5.37.1; Spring AMQP 3.2 (Boot 3.5) and 4.0 (Boot 4.0): RabbitTemplate, "
        + "@RabbitListener on the simple and direct containers, batch listeners";
  }
}
