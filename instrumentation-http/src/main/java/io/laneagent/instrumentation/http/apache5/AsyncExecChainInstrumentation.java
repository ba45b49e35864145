package io.laneagent.instrumentation.http.apache5;

import static net.bytebuddy.matcher.ElementMatchers.any;

import io.laneagent.instrumentation.api.AdviceTarget;
import io.laneagent.instrumentation.api.NamedTypeInstrumentation;

/**
 * Apache HttpClient 5 async: {@code AsyncExecChainElement.execute}. The client copies the application's
 * request and starts the chain on the calling thread; the first element adds the lanes there, later
 * elements (on I/O threads) find them present.
 */
final class AsyncExecChainInstrumentation extends NamedTypeInstrumentation {

  AsyncExecChainInstrumentation() {
    super(ELEMENT);
  }

  private static final String ELEMENT = "org.apache.hc.client5.http.impl.async.AsyncExecChainElement";


  @Override
  public void adviseMethods(AdviceTarget target) {
    target.apply(new String[] {
            "execute(Lorg/apache/hc/core5/http/HttpRequest;Lorg/apache/hc/core5/http/nio/AsyncEntityProducer;"
                + "Lorg/apache/hc/client5/http/async/AsyncExecChain$Scope;Lorg/apache/hc/client5/http/async/AsyncExecCallback;)V"},
        any(), "io.laneagent.instrumentation.http.apache5.AsyncExecChainAdvice");
  }
}
