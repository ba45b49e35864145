package io.laneagent.instrumentation.feign;

import feign.RequestTemplate;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundLanes;
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
    Lanes lanes = OutboundLanes.toSend();
    if (lanes.isEmpty()) {
      return;
    }
    String[] headers = OutboundLanes.headers();
    Map<String, Collection<String>> existing = template.headers();
    for (int i = 0; i < headers.length; i++) {
      String value = lanes.get(i);
      if (value == null) {
        continue;
      }
      boolean present = false;
      for (Map.Entry<String, Collection<String>> header : existing.entrySet()) {
        if (header.getKey().equalsIgnoreCase(headers[i]) && !header.getValue().isEmpty()) {
          present = true;
          break;
        }
      }
      if (present) {
        OutboundLanes.keptApplicationHeader("Feign", headers[i]);
      } else {
        template.header(headers[i], value);
        OutboundLanes.injected("Feign", headers[i], value);
      }
    }
  }
}
