package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.named;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@code KafkaProducer.send(record, callback)}: every send goes through it, on the caller's thread. */
final class ProducerSendInstrumentation implements TypeInstrumentation {

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return named("org.apache.kafka.clients.producer.KafkaProducer");
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses("org.apache.kafka.clients.producer.KafkaProducer");
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "send(Lorg/apache/kafka/clients/producer/ProducerRecord;Lorg/apache/kafka/clients/producer/Callback;)"
                + "Ljava/util/concurrent/Future;"},
        any(), "io.laneagent.instrumentation.kafka.ProducerSendAdvice");
  }
}
