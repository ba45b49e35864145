package io.laneagent.instrumentation.feign;

import feign.RequestTemplate;
import io.laneagent.bootstrap.OutboundHeaders;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code RequestTemplate.request()}. The template belongs to one invocation, so adding to
 * it changes nothing the application keeps. Header names are compared case-insensitively by hand:
 * older Feign versions keep them in a case-sensitive map.
 */
public final class RequestTemplateRequestAdvice {

  private RequestTemplateRequestAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This RequestTemplate template) {
    Map<String, Collection<String>> existing = template.headers();
    for (OutboundHeaders out = OutboundHeaders.startAboveTransport("Feign"); out != null && out.next(); ) {
      String present = null;
      String presentName = null;
      for (Map.Entry<String, Collection<String>> header : existing.entrySet()) {
        if (header.getKey().equalsIgnoreCase(out.name()) && !header.getValue().isEmpty()) {
          presentName = header.getKey();
          present = header.getValue().iterator().next();
          break;
        }
      }
      String value = out.valueGiven(present);
      if (value != null) {
        if (presentName != null) {
          template.header(presentName, Collections.<String>emptyList()); // no values: removes it (a merged baggage)
        }
        template.header(out.name(), value);
      }
    }
  }
}
