package io.laneagent.testing;

import static io.laneagent.testing.Probes.newId;
import static io.laneagent.testing.Probes.probe;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.VirtualMachine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/**
 * The agent's MBean ({@code io.laneagent:type=LaneAgent}) read over JMX from this JVM, as jconsole would:
 * the local JMX agent started in the app through the Attach API, then a known mix of requests, and the
 * counters must be exactly what those requests did.
 */
class AgentMBeanTest {

  private static final Duration REGISTERED_WITHIN = Duration.ofSeconds(15);

  @Test
  void countersMatchTheRequestsTheAppServed() throws Exception {
    try (Downstream downstream = new Downstream();
        AppJvm app = AppJvm.of(TestApp.EXECUTORS).systemProperty("lane.allowed", "gray,daily,prod").start()) {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(app.pid()));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
        MBeanServerConnection jmx = connector.getMBeanServerConnection();
        ObjectName name = new ObjectName("io.laneagent:type=LaneAgent");
        CountDownLatch registered = new CountDownLatch(1);
        jmx.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, (notification, handback) -> {
          if (notification instanceof MBeanServerNotification
              && name.equals(((MBeanServerNotification) notification).getMBeanName())) {
            registered.countDown();
          }
        }, null, null);
        if (!jmx.isRegistered(name)) {
          assertThat(registered.await(REGISTERED_WITHIN.toSeconds(), TimeUnit.SECONDS))
              .as("MBean registered within %s:\n%s", REGISTERED_WITHIN, app.output()).isTrue();
        }
        assertThat(longs(jmx, name, "LanesCaptured")).isEmpty();

        for (int i = 0; i < 4; i++) {
          call(app, downstream, "", "env: gray");                         // lane, injected
        }
        for (int i = 0; i < 2; i++) {
          call(app, downstream, "appHeader=mine", "env: daily");          // lane, the app's own env kept
        }
        for (int i = 0; i < 5; i++) {
          call(app, downstream, "via=tpe", "env: prod");                  // lane carried to a pool worker
        }
        for (int i = 0; i < 3; i++) {
          call(app, downstream, "", "env: b@d");                          // dropped: invalid
        }
        call(app, downstream, "", "env: blue");                           // dropped: not allowed
        call(app, downstream, "", "env: gray", "env: daily");             // dropped: conflicting values

        assertThat(longs(jmx, name, "LanesCaptured")).containsExactlyEntriesOf(Map.of("jdk-httpserver", 11L));
        assertThat(longs(jmx, name, "HeadersInjected")).containsExactlyEntriesOf(Map.of("HttpURLConnection", 9L));
        assertThat(longs(jmx, name, "HeadersKept")).containsExactlyEntriesOf(Map.of("HttpURLConnection", 2L));
        assertThat(longs(jmx, name, "ValuesDropped")).isEqualTo(Map.of(
            "invalid-lane", 3L, "not-in-lane.allowed", 1L, "conflicting-values", 1L));
        assertThat((Long) jmx.getAttribute(name, "HandOffsCarried")).isEqualTo(5L);
        assertThat((Long) jmx.getAttribute(name, "RecordsSwitched")).isZero();

        assertThat(strings(jmx, name, "Configuration")).containsEntry("lane.allowed", "gray,daily,prod")
            .containsEntry("lane.headers", "env").containsEntry("lane.mdc", "true");
        assertThat(strings(jmx, name, "ConfigurationSources")).containsEntry("lane.allowed", "system property -Dlane.allowed")
            .containsEntry("lane.headers", "default");
        assertThat(strings(jmx, name, "Instrumentations")).containsEntry("jdk-httpserver", "on")
            .containsEntry("http-url-connection", "on").containsEntry("logback", "on");
        Map<String, List<String>> advised = advised(jmx, name);
        assertThat(advised.get("jdk-httpserver")).contains("com.sun.net.httpserver.Filter$Chain");
        assertThat(advised.get("http-url-connection")).contains("sun.net.www.protocol.http.HttpURLConnection");
        assertThat(advised.get("executors")).contains("java.util.concurrent.ThreadPoolExecutor");
        assertThat(advised).doesNotContainKey("kafka"); // no Kafka client in this app
        assertThat((String) jmx.getAttribute(name, "Version")).isNotBlank().isNotEqualTo("unknown");
      }
    }
  }

  private static void call(AppJvm app, Downstream downstream, String extra, String... headers) {
    String id = newId();
    String[] params = extra.isEmpty() ? new String[0] : new String[] {extra};
    RawHttp.Response response = app.get(probe(downstream, Probes.URL_CONNECTION, id, params), headers);
    assertThat(response.body()).as(app.output()).contains("called " + id);
    downstream.await(id);
  }

  private static Map<String, Long> longs(MBeanServerConnection jmx, ObjectName name, String attribute) throws Exception {
    Map<String, Long> out = new HashMap<>();
    for (Object row : ((TabularData) jmx.getAttribute(name, attribute)).values()) {
      out.put((String) ((CompositeData) row).get("key"), (Long) ((CompositeData) row).get("value"));
    }
    return out;
  }

  private static Map<String, String> strings(MBeanServerConnection jmx, ObjectName name, String attribute) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (Object row : ((TabularData) jmx.getAttribute(name, attribute)).values()) {
      out.put((String) ((CompositeData) row).get("key"), (String) ((CompositeData) row).get("value"));
    }
    return out;
  }

  private static Map<String, List<String>> advised(MBeanServerConnection jmx, ObjectName name) throws Exception {
    Map<String, List<String>> out = new HashMap<>();
    for (Object row : ((TabularData) jmx.getAttribute(name, "AdvisedClasses")).values()) {
      out.put((String) ((CompositeData) row).get("key"), List.of((String[]) ((CompositeData) row).get("value")));
    }
    return out;
  }
}
