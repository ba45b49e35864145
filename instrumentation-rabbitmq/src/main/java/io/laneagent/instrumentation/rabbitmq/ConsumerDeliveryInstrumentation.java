package io.laneagent.instrumentation.rabbitmq;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code handleDelivery} of every {@code com.rabbitmq.client.Consumer}: the application's
 * {@code DefaultConsumer} subclasses, the consumer {@code basicConsume} builds around a
 * {@code DeliverCallback}, Spring's direct container's consumers. amqp-client calls it on its consumer
 * work pool, one delivery after another.
 */
final class ConsumerDeliveryInstrumentation implements TypeInstrumentation {

  static final String CONSUMER = "com.rabbitmq.client.Consumer";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe("RabbitMQ Consumer implementations", not(isInterface()).and(hasSuperType(named(CONSUMER))));
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses(CONSUMER);
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {CONSUMER};
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {"handleDelivery(Ljava/lang/String;Lcom/rabbitmq/client/Envelope;"
            + "Lcom/rabbitmq/client/AMQP$BasicProperties;[B)V"},
        not(isAbstract()), "io.laneagent.instrumentation.rabbitmq.ConsumerDeliveryAdvice");
    target.helpers(RabbitMqInstrumentation.HEADERS_HELPER);
  }
}
