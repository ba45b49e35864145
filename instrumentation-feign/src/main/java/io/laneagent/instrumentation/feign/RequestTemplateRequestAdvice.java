package io.laneagent.instrumentation.feign;

import feign.RequestTemplate;
import io.laneagent.bootstrap.OutboundHeaders;
import java.util.Collection;
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
    for (OutboundHeaders out = OutboundHeaders.start("Feign"); out != null && out.next(); ) {
      boolean present = false;
      for (Map.Entry<String, Collection<String>> header : existing.entrySet()) {
        if (header.getKey().equalsIgnoreCase(out.name()) && !header.getValue().isEmpty()) {
          present = true;
          break;
        }
      }
      if (present) {
        out.keptApplicationHeader();
      } else {
        template.header(out.name(), out.value());
        out.injected();
      }
    }
  }
}
