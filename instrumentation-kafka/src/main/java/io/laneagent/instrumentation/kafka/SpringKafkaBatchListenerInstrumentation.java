package io.laneagent.instrumentation.kafka;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.Matchers;
import io.laneagent.instrumentation.api.TypeInstrumentation;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Spring Kafka batch listeners: the container copies the polled records into its own
 * {@code List<ConsumerRecord>}; every {@code BatchMessageListener.onMessage(List, …)} gets that list
 * wrapped, so that the application's loop over it switches lanes per record. (Record listeners and
 * {@code ConsumerRecords} batch parameters need nothing extra: the container and the application iterate
 * the client's {@code ConsumerRecords}.)
 */
final class SpringKafkaBatchListenerInstrumentation implements TypeInstrumentation {

  private static final String LISTENER = "org.springframework.kafka.listener.BatchMessageListener";

  @Override
  public ElementMatcher<TypeDescription> typeMatcher() {
    return Matchers.safe(LISTENER + " implementations", not(isInterface()).and(hasSuperType(named(LISTENER))));
  }

  @Override
  public String[] installPassRoots() {
    return new String[] {LISTENER};
  }

  @Override
  public ElementMatcher<ClassLoader> classLoaderMatcher() {
    return Matchers.hasClasses(LISTENER);
  }

  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "onMessage(Ljava/util/List;)V",
            "onMessage(Ljava/util/List;Lorg/springframework/kafka/support/Acknowledgment;)V",
            "onMessage(Ljava/util/List;Lorg/apache/kafka/clients/consumer/Consumer;)V",
            "onMessage(Ljava/util/List;Lorg/springframework/kafka/support/Acknowledgment;"
                + "Lorg/apache/kafka/clients/consumer/Consumer;)V"},
        any(), "io.laneagent.instrumentation.kafka.BatchListenerAdvice");
  }
}
