package io.laneagent.instrumentation.feign;

import feign.RequestTemplate;
import feign.template.HeaderTemplate;
import io.laneagent.bootstrap.OutboundHeaders;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code RequestTemplate.request()}. The template belongs to one invocation, so adding to
 * it changes nothing the application keeps.
 *
 * <p>What the application set is read from the template's own {@code headers} field (a map of name to
 * {@code HeaderTemplate} in every Feign from 10.12 to 13.9.1), not through {@code headers()}: that copies
 * every header into a new TreeMap with a new list of its values, per request, work the advice does not need.
 * Only the value of a carried header is read. Dropping that copy did not move a Feign service's CPU per request
 * measurably (#19, docs/performance.md): what adding a header through Feign costs is {@code RequestTemplate.header}
 * and {@code request()}'s own {@code headers()} copy. Names are compared case-insensitively by hand rather than
 * relying on the map's comparator, which is Feign's to change.
 */
public final class RequestTemplateRequestAdvice {

  private RequestTemplateRequestAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  public static void onEnter(@Advice.This RequestTemplate template,
      @Advice.FieldValue("headers") Map<String, HeaderTemplate> existing) {
    for (OutboundHeaders out = OutboundHeaders.startAboveTransport("Feign"); out != null && out.next(); ) {
      String present = null;
      String presentName = null;
      for (Map.Entry<String, HeaderTemplate> header : existing.entrySet()) {
        if (header.getKey().equalsIgnoreCase(out.name())) {
          Collection<String> values = header.getValue().getValues();
          if (!values.isEmpty()) {
            presentName = header.getKey();
            present = values.iterator().next();
            break;
          }
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
