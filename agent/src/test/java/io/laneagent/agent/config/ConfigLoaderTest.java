package io.laneagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.laneagent.bootstrap.LaneSettings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  private static AgentConfig load(String args, Properties properties, Map<String, String> env) {
    return new ConfigLoader(args, properties, env).load();
  }

  private static Properties props(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void defaults() {
    AgentConfig config = load(null, props(), Map.of());
    LaneSettings settings = config.settings();
    assertThat(settings.headers()).containsExactly("env");
    assertThat(settings.local()).isNull();
    assertThat(settings.allowed()).isNull();
    assertThat(settings.debug()).isFalse();
    assertThat(config.isEnabled("servlet")).isTrue();
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void agentArgumentListsNeedNoQuoting() {
    AgentConfig config = load("headers=env,X-User,local=gray;lane.allowed=gray,prod,debug=TRUE", props(), Map.of());
    assertThat(config.settings().headers()).containsExactly("env", "x-user");
    assertThat(config.settings().local()).isEqualTo("gray");
    assertThat(config.settings().allowed()).containsExactly("gray", "prod");
    assertThat(config.settings().debug()).isTrue();
    assertThat(config.problems()).isEmpty();
  }

  @Test
  void priorityIsArgumentsThenPropertiesThenEnvironment() {
    Map<String, String> env = Map.of("LANE_LOCAL", "e", "LANE_HEADERS", "x-env", "LANE_DEBUG", "true");
    AgentConfig config = load("local=a", props("lane.local", "p", "lane.headers", "x-prop"), env);
    assertThat(config.settings().local()).isEqualTo("a");
    assertThat(config.settings().headers()).containsExactly("x-prop");
    assertThat(config.settings().debug()).isTrue();
  }

  @Test
  void instrumentationSwitchesFromEverySource() {
    AgentConfig config = load("instrumentation.servlet.enabled=false",
        props("lane.instrumentation.jdk-httpclient.enabled", "false"),
        Map.of("LANE_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED", "false"));
    assertThat(config.isEnabled("servlet")).isFalse();
    assertThat(config.isEnabled("jdk-httpclient")).isFalse();
    assertThat(config.isEnabled("http-url-connection")).isFalse();
    assertThat(config.isEnabled("jdk-httpserver")).isTrue();
  }

  @Test
  void malformedValuesFallBackAndAreNamed() {
    AgentConfig config = load("headers=,local=gray\r\nx", props("lane.debug", "yes"), Map.of("LANE_ALLOWED", "ok,b@d"));
    assertThat(config.settings().headers()).containsExactly("env");
    assertThat(config.settings().local()).isNull();
    assertThat(config.settings().debug()).isFalse();
    assertThat(config.settings().allowed()).containsExactly("ok");
    assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("ignoring lane.headers= (agent argument): it names no header"))
        .anySatisfy(p -> assertThat(p).contains("lane.local=gray\\u000d\\u000ax (agent argument)"))
        .anySatisfy(p -> assertThat(p).contains("-Dlane.debug").contains("expected true or false"))
        .anySatisfy(p -> assertThat(p).contains("'b@d'").contains("LANE_ALLOWED"));
  }

  @Test
  void unknownKeysAreReported() {
    AgentConfig config = load("colour=blue", props("lane.baggage", "true", "lane.hedaers", "env", "other.key", "x"), Map.of());
    assertThat(config.problems()).containsExactlyInAnyOrder(
        "ignoring the unknown agent argument 'colour'",
        "ignoring the unknown system property -Dlane.hedaers");
    assertThat(config.settings().baggage()).isTrue();
  }

  @Test
  void traceHeadersAreTheIstioListNoneOrAList() {
    assertThat(load(null, props(), Map.of()).settings().traceHeaders()).isEqualTo(LaneSettings.ISTIO_TRACE_HEADERS);
    assertThat(load(null, props(), Map.of()).settings().toString()).contains("trace-headers=istio");
    assertThat(load(null, props(), Map.of("LANE_TRACE_HEADERS", "none")).settings().traceHeaders()).isEmpty();
    AgentConfig list = load("trace-headers=X-Cloud-Trace-Context,x-request-id", props(), Map.of());
    assertThat(list.settings().traceHeaders()).containsExactly("x-cloud-trace-context", "x-request-id");
    assertThat(list.problems()).isEmpty();
    AgentConfig more = load("trace-headers=istio,x-cloud-trace-context", props(), Map.of());
    assertThat(more.settings().traceHeaders()).hasSize(10).endsWith("x-cloud-trace-context");
  }

  @Test
  void badTraceHeaderListsAreReportedAndFallBack() {
    AgentConfig invalid = load(null, props("lane.trace-headers", "x-ok,bad header"), Map.of());
    assertThat(invalid.settings().traceHeaders()).isEqualTo(LaneSettings.ISTIO_TRACE_HEADERS);
    assertThat(invalid.problems()).singleElement().asString().contains("lane.trace-headers", "not a valid HTTP header name");
    AgentConfig odd = load("trace-headers=env,cookie,baggage,x-request-id", props(), Map.of());
    assertThat(odd.settings().traceHeaders()).containsExactly("x-request-id");
    assertThat(odd.problems()).hasSize(3).anySatisfy(p -> assertThat(p).contains("'env'", "lane header"))
        .anySatisfy(p -> assertThat(p).contains("credential header 'cookie'"))
        .anySatisfy(p -> assertThat(p).contains("lane.baggage=true"));
  }

  @Test
  void trustInboundDefaultsToTrueAndCanBeSwitchedOffAtTheEdge() {
    assertThat(load(null, props(), Map.of()).settings().trustInbound()).isTrue();
    AgentConfig edge = load(null, props(), Map.of("LANE_TRUST_INBOUND", "false"));
    assertThat(edge.settings().trustInbound()).isFalse();
    assertThat(edge.settings().toString()).contains("trust-inbound=false");
    assertThat(edge.problems()).isEmpty();
  }

  @Test
  void credentialHeadersAreRefusedWithAClearMessage() {
    AgentConfig config = load("headers=env,Authorization,cookie,x-user", props(), Map.of());
    assertThat(config.settings().headers()).containsExactly("env", "x-user");
    assertThat(config.problems()).singleElement().asString()
        .contains("not carrying [authorization, cookie]", "lane.allow-credential-headers=true");

    AgentConfig onlyCredentials = load("headers=proxy-authorization;set-cookie", props(), Map.of());
    assertThat(onlyCredentials.settings().headers()).containsExactly("env");
    assertThat(onlyCredentials.problems()).hasSize(2);
  }

  @Test
  void credentialHeadersAreCarriedOnlyWhenExplicitlyAllowed() {
    AgentConfig config = load("headers=env,authorization", props("lane.allow-credential-headers", "true"), Map.of());
    assertThat(config.settings().headers()).containsExactly("env", "authorization");
    assertThat(config.problems()).singleElement().asString().contains("carrying the credential header(s) [authorization]");
  }

  @Test
  void ownLaneOutsideTheAllowListIsKeptWithAWarning() {
    AgentConfig config = load("allowed=gray,local=daily", props(), Map.of());
    assertThat(config.settings().local()).isEqualTo("daily");
    assertThat(config.problems()).singleElement().asString().contains("not in lane.allowed");
  }

  @Test
  void headerNamesMustBeTokens() {
    assertThat(ConfigLoader.isHeaderName("x-lane_1")).isTrue();
    assertThat(ConfigLoader.isHeaderName("x lane")).isFalse();
    assertThat(ConfigLoader.isHeaderName("x:lane")).isFalse();
    assertThat(ConfigLoader.isHeaderName("")).isFalse();
  }

  @Test
  void environmentNames() {
    assertThat(ConfigLoader.environmentName("instrumentation.jdk-httpclient.enabled"))
        .isEqualTo("LANE_INSTRUMENTATION_JDK_HTTPCLIENT_ENABLED");
    assertThat(ConfigLoader.environmentName("trust-inbound")).isEqualTo("LANE_TRUST_INBOUND");
  }

  @Test
  void warningsAreNotErrors() {
    AgentConfig warned = load("allowed=gray,local=daily", props(), Map.of());
    assertThat(warned.problems()).hasSize(1);
    assertThat(warned.errors()).isEmpty();
    AgentConfig wrong = load("colour=blue", props("lane.debug", "yes"), Map.of());
    assertThat(wrong.errors()).hasSize(2).isEqualTo(wrong.problems());
  }

  @Test
  void effectiveValuesSayWhereTheyCameFrom() {
    AgentConfig config = load("headers=env,x-user", props("lane.trace-headers", "none", "lane.instrumentation.kafka.enabled", "false"),
        Map.of("LANE_LOCAL", "gr@y", "LANE_MDC_LANE_KEY", "laneName", "LANE_INSTRUMENTATION_JDK_HTTPCLIENT_ENABLED", "false"));
    Map<String, String[]> effective = config.effective();
    assertThat(effective.get("lane.headers")).containsExactly("env,x-user", "agent argument");
    assertThat(effective.get("lane.trace-headers")).containsExactly("none", "system property -Dlane.trace-headers");
    assertThat(effective.get("lane.local")).containsExactly("(unset)", "default (environment variable LANE_LOCAL ignored)");
    assertThat(effective.get("lane.mdc.lane-key")).containsExactly("laneName", "environment variable LANE_MDC_LANE_KEY");
    assertThat(effective.get("lane.mdc")).containsExactly("true", "default");
    assertThat(effective.get("lane.instrumentation.kafka.enabled"))
        .containsExactly("false", "system property -Dlane.instrumentation.kafka.enabled");
    assertThat(effective.get("lane.instrumentation.jdk-httpclient.enabled"))
        .containsExactly("false", "environment variable LANE_INSTRUMENTATION_JDK_HTTPCLIENT_ENABLED");
    assertThat(config.settings().mdcLaneKey()).isEqualTo("laneName");
  }

  @Test
  void kafkaIsolationKeys() {
    LaneSettings defaults = load(null, props(), Map.of()).settings();
    assertThat(defaults.kafkaIsolation()).isFalse();
    assertThat(defaults.base()).isEqualTo("prod");
    assertThat(defaults.isolationCheckMillis()).isEqualTo(10_000);
    assertThat(defaults.isBasePod()).as("no own lane: a base pod").isTrue();
    AgentConfig config = load("local=gray", props("lane.base", "main"),
        Map.of("LANE_KAFKA_ISOLATION", "true", "LANE_KAFKA_ISOLATION_CHECK_INTERVAL", "500ms"));
    assertThat(config.problems()).isEmpty();
    assertThat(config.settings().kafkaIsolation()).isTrue();
    assertThat(config.settings().base()).isEqualTo("main");
    assertThat(config.settings().isolationCheckMillis()).isEqualTo(500);
    assertThat(config.settings().isBasePod()).isFalse();
    assertThat(config.effective().get("lane.kafka.isolation.check-interval"))
        .containsExactly("500ms", "environment variable LANE_KAFKA_ISOLATION_CHECK_INTERVAL");
    assertThat(load("local=main,base=main", props(), Map.of()).settings().isBasePod()).isTrue();
    assertThat(load("kafka.isolation.check-interval=2m", props(), Map.of()).settings().isolationCheckMillis())
        .isEqualTo(120_000);
    assertThat(load("kafka.isolation.check-interval=15", props(), Map.of()).settings().isolationCheckMillis())
        .as("a bare number is seconds").isEqualTo(15_000);
  }

  @Test
  void kafkaIsolationKeysAreValidated() {
    AgentConfig config = load("kafka.isolation.check-interval=50ms,base=pr od", props("lane.kafka.isolation", "yes"), Map.of());
    assertThat(config.settings().isolationCheckMillis()).isEqualTo(10_000);
    assertThat(config.settings().base()).isEqualTo("prod");
    assertThat(config.settings().kafkaIsolation()).isFalse();
    assertThat(config.errors()).hasSize(3).anySatisfy(error -> assertThat(error)
        .startsWith("ignoring lane.kafka.isolation.check-interval=50ms (agent argument): expected a duration from 200ms to 10m"));
  }

  @Test
  void mdcKeysAreValidated() {
    AgentConfig config = load("mdc.lane-key=bad key,mdc.trace-id-key=trace_id", props(), Map.of());
    assertThat(config.settings().mdcLaneKey()).isEqualTo("lane");
    assertThat(config.settings().mdcTraceIdKey()).isEqualTo("trace_id");
    assertThat(config.errors()).singleElement().asString().startsWith("ignoring lane.mdc.lane-key=bad key (agent argument)");
  }

  @Test
  void switchesDefaultToOn() {
    assertThat(load(null, props(), Map.of()).switchedOn("mdc")).isTrue();
    assertThat(load("mdc=false", props(), Map.of()).switchedOn("mdc")).isFalse();
    assertThat(load(null, props("lane.jmx", "false"), Map.of()).switchedOn("jmx")).isFalse();
  }

  @Test
  void weaveAheadIsAFileFromAnySourceAndUnsetByDefault() {
    assertThat(load(null, props(), Map.of()).weaveAhead()).isNull();
    assertThat(load(null, props("lane.weave-ahead", "/app/app.jsa.lane-woven"), Map.of()).weaveAhead())
        .isEqualTo("/app/app.jsa.lane-woven");
    assertThat(load(null, props(), Map.of("LANE_WEAVE_AHEAD", " /app/x.lane-woven ")).weaveAhead())
        .isEqualTo("/app/x.lane-woven");
    assertThat(load(null, props("lane.weave-ahead", " "), Map.of()).weaveAhead()).as("blank: unset").isNull();
    assertThat(load(null, props("lane.weave-ahead", "/x"), Map.of()).problems()).as("a known key").isEmpty();
  }
}
