package io.laneagent.agent.config;

import io.laneagent.bootstrap.LaneSettings;
import io.laneagent.bootstrap.LaneValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads the {@code lane.*} settings from, in this priority: the agent argument
 * ({@code -javaagent:lane-agent.jar=headers=env,x-user,local=gray}), system properties
 * ({@code -Dlane.headers=env}) and environment variables ({@code LANE_HEADERS=env}).
 *
 * <p>A malformed value never stops the application: it is reported (naming the key and where it came
 * from) and the default is used instead.
 */
public final class ConfigLoader {

  static final String PREFIX = "lane.";
  /** {@code lane.kafka.isolation.check-interval} bounds: each check costs a few admin requests. */
  static final long MIN_CHECK_MILLIS = 200;
  static final long MAX_CHECK_MILLIS = 600_000;

  /** Documented keys that a later version implements; accepted, reported as not yet supported. */
  private static final Set<String> PLANNED = new LinkedHashSet<>();
  /** Every key, in the order the self-check and the MBean show them. */
  static final List<String> KNOWN = Collections.unmodifiableList(Arrays.asList("headers", "local", "allowed",
      "trust-inbound", "allow-credential-headers", "trace-headers", "baggage", "mdc", "mdc.lane-key",
      "mdc.trace-id-key", "base", "kafka.isolation", "kafka.isolation.check-interval", "jmx", "debug",
      "weave-ahead"));

  /**
   * Headers that carry credentials. Lane headers are copied to every outbound call, to every host the
   * application calls: carrying one of these would hand a user's session or token to all of them.
   */
  static final Set<String> CREDENTIAL_HEADERS = Collections.unmodifiableSet(new LinkedHashSet<>(
      Arrays.asList("authorization", "proxy-authorization", "cookie", "set-cookie")));

  private final Map<String, String> agentArgs;
  private final Properties systemProperties;
  private final Map<String, String> environment;
  private final List<String> problems = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  /** Keys whose value was ignored (malformed): their effective value is the default. */
  private final Set<String> fellBack = new LinkedHashSet<>();

  public ConfigLoader(String agentArgs, Properties systemProperties, Map<String, String> environment) {
    this.systemProperties = systemProperties;
    this.environment = environment;
    this.agentArgs = parseAgentArgs(agentArgs);
  }

  public static ConfigLoader fromEnvironment(String agentArgs) {
    return new ConfigLoader(agentArgs, System.getProperties(), System.getenv());
  }

  public AgentConfig load() {
    reportUnknownKeys();
    LaneSettings.Builder settings = LaneSettings.builder();
    String[] headers = headers();
    settings.headers(headers);
    settings.traceHeaders(traceHeaders(headers));
    settings.baggage(bool("baggage", false));
    Set<String> allowed = allowed();
    settings.allowed(allowed);
    settings.local(local(allowed));
    settings.debug(bool("debug", false));
    settings.trustInbound(bool("trust-inbound", true));
    settings.mdcKeys(mdcKey("mdc.lane-key", LaneSettings.DEFAULT_MDC_LANE_KEY),
        mdcKey("mdc.trace-id-key", LaneSettings.DEFAULT_MDC_TRACE_ID_KEY));
    settings.base(base(allowed));
    settings.kafkaIsolation(bool("kafka.isolation", false), duration("kafka.isolation.check-interval",
        LaneSettings.DEFAULT_ISOLATION_CHECK_MILLIS, MIN_CHECK_MILLIS, MAX_CHECK_MILLIS));
    bool("mdc", true); // read here so that a malformed value is reported once; see switchedOn()
    bool("jmx", true);
    for (String key : PLANNED) {
      Setting setting = lookup(key);
      if (setting != null) {
        error("ignoring " + setting + ": not supported by this version of lane-agent yet");
      }
    }
    return new AgentConfig(settings.build(), problems, errors, this);
  }

  /** A boolean switch {@code lane.<key>} that defaults to true ({@code mdc}, {@code jmx}). */
  boolean switchedOn(String key) {
    return boolSilently(key, true);
  }

  /**
   * {@code lane.weave-ahead}: the file this JVM weaves the classes of its class path and its JDK into before it
   * exits without running the application (for the runs an AppCDS archive serves), or null.
   */
  String weaveAhead() {
    Setting setting = lookup("weave-ahead");
    return setting == null || setting.value.trim().isEmpty() ? null : setting.value.trim();
  }

  /** {@code lane.jmx}: the agent's MBean is registered (default true). */
  boolean jmxEnabled() {
    return boolSilently("jmx", true);
  }

  /**
   * Every key with its effective value and where that came from ({@code default}, the agent argument, a
   * system property, an environment variable), for the self-check and the MBean; then the
   * {@code instrumentation.<name>.enabled} keys that are set.
   */
  Map<String, String[]> effective(LaneSettings settings) {
    Map<String, String[]> out = new LinkedHashMap<>();
    for (String key : KNOWN) {
      out.put(PREFIX + key, new String[] {effectiveValue(key, settings), source(key)});
    }
    Set<String> instrumentationKeys = new java.util.TreeSet<>();
    for (String key : agentArgs.keySet()) {
      if (key.startsWith("instrumentation.")) {
        instrumentationKeys.add(key);
      }
    }
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith(PREFIX + "instrumentation.")) {
        instrumentationKeys.add(name.substring(PREFIX.length()));
      }
    }
    for (String variable : environment.keySet()) {
      if (variable.startsWith("LANE_INSTRUMENTATION_") && variable.endsWith("_ENABLED")) {
        instrumentationKeys.add("instrumentation." + variable.substring("LANE_INSTRUMENTATION_".length(),
            variable.length() - "_ENABLED".length()).toLowerCase(Locale.ROOT).replace('_', '-') + ".enabled");
      }
    }
    for (String key : instrumentationKeys) {
      if (isKnownKey(key)) {
        out.put(PREFIX + key, new String[] {String.valueOf(boolSilently(key, true)), source(key)});
      }
    }
    return out;
  }

  private String effectiveValue(String key, LaneSettings settings) {
    switch (key) {
      case "headers":
        return String.join(",", settings.headers());
      case "local":
        return settings.local() == null ? "(unset)" : settings.local();
      case "allowed":
        return settings.allowed() == null ? "(any valid lane)" : String.join(",", settings.allowed());
      case "trace-headers":
        List<String> trace = settings.traceHeaders();
        return trace.equals(LaneSettings.ISTIO_TRACE_HEADERS) ? "istio" : trace.isEmpty() ? "none" : String.join(",", trace);
      case "baggage":
        return String.valueOf(settings.baggage());
      case "trust-inbound":
        return String.valueOf(settings.trustInbound());
      case "debug":
        return String.valueOf(settings.debug());
      case "mdc.lane-key":
        return settings.mdcLaneKey();
      case "mdc.trace-id-key":
        return settings.mdcTraceIdKey();
      case "base":
        return settings.base();
      case "kafka.isolation":
        return String.valueOf(settings.kafkaIsolation());
      case "kafka.isolation.check-interval":
        return formatDuration(settings.isolationCheckMillis());
      case "mdc":
      case "jmx":
      case "allow-credential-headers":
        return String.valueOf(boolSilently(key, !key.equals("allow-credential-headers")));
      default:
        Setting setting = lookup(key);
        return setting == null ? "" : printable(setting.value);
    }
  }

  private String source(String key) {
    Setting setting = lookup(key);
    if (setting == null) {
      return "default";
    }
    return fellBack.contains(key) ? "default (" + setting.source + " ignored)" : setting.source;
  }

  /** {@code lane.instrumentation.<name>.enabled}, default true. */
  boolean isEnabled(String instrumentationName) {
    return bool("instrumentation." + instrumentationName + ".enabled", true);
  }

  private String[] headers() {
    Setting setting = lookup("headers");
    if (setting == null) {
      return new String[] {LaneSettings.DEFAULT_HEADER};
    }
    Set<String> names = new LinkedHashSet<>();
    for (String part : setting.value.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (!isHeaderName(name)) {
        return fallback(setting, "'" + printable(name) + "' is not a valid HTTP header name",
            new String[] {LaneSettings.DEFAULT_HEADER}, LaneSettings.DEFAULT_HEADER);
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      return fallback(setting, "it names no header", new String[] {LaneSettings.DEFAULT_HEADER},
          LaneSettings.DEFAULT_HEADER);
    }
    refuseCredentialHeaders(setting, names);
    if (names.isEmpty()) {
      return fallback(setting, "it names only credential headers", new String[] {LaneSettings.DEFAULT_HEADER},
          LaneSettings.DEFAULT_HEADER);
    }
    return names.toArray(new String[0]);
  }

  /**
   * {@code lane.trace-headers}: {@code istio} (the default), {@code none}, or a list of header names.
   * A name that is also a lane header stays a lane header; {@code baggage} is {@code lane.baggage}'s.
   */
  private String[] traceHeaders(String[] laneHeaders) {
    Setting setting = lookup("trace-headers");
    String[] istio = LaneSettings.ISTIO_TRACE_HEADERS.toArray(new String[0]);
    if (setting == null || setting.value.trim().equalsIgnoreCase("istio")) {
      return istio;
    }
    if (setting.value.trim().equalsIgnoreCase("none")) {
      return new String[0];
    }
    Set<String> names = new LinkedHashSet<>();
    for (String part : setting.value.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("istio")) {
        names.addAll(LaneSettings.ISTIO_TRACE_HEADERS);
        continue;
      }
      if (!isHeaderName(name)) {
        return fallback(setting, "'" + printable(name) + "' is not a valid HTTP header name", istio, "istio");
      }
      if (CREDENTIAL_HEADERS.contains(name)) {
        error("not carrying the credential header '" + name + "' named in " + setting.where()
            + ": trace headers go to every host the application calls");
        continue;
      }
      if (Arrays.asList(laneHeaders).contains(name)) {
        problems.add("'" + name + "' in " + setting.where() + " is a lane header (lane.headers): it is carried as a lane");
        continue;
      }
      if (name.equals(LaneSettings.BAGGAGE)) {
        error("'baggage' in " + setting.where() + " is not a trace header: set lane.baggage=true to carry the lane in it");
        continue;
      }
      names.add(name);
    }
    return names.toArray(new String[0]);
  }

  /** Drops credential headers from {@code names} unless lane.allow-credential-headers=true; says so either way. */
  private void refuseCredentialHeaders(Setting setting, Set<String> names) {
    List<String> credentials = new ArrayList<>();
    for (String name : names) {
      if (CREDENTIAL_HEADERS.contains(name)) {
        credentials.add(name);
      }
    }
    if (credentials.isEmpty()) {
      return;
    }
    if (bool("allow-credential-headers", false)) {
      problems.add("carrying the credential header(s) " + credentials + " of " + setting.where()
          + " to every outbound call, because lane.allow-credential-headers=true");
      return;
    }
    names.removeAll(credentials);
    error("not carrying " + credentials + " named in " + setting.where() + ": credential headers would be "
        + "copied to every host the application calls; set lane.allow-credential-headers=true to carry them anyway");
  }

  private Set<String> allowed() {
    Setting setting = lookup("allowed");
    if (setting == null) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    for (String part : setting.value.split(",")) {
      String value = part.trim();
      if (value.isEmpty()) {
        continue;
      }
      String reason = LaneValues.invalidReason(value);
      if (reason != null) {
        error("ignoring the entry '" + printable(value) + "' of " + setting.where() + ": " + reason);
      } else {
        values.add(value);
      }
    }
    if (values.isEmpty()) {
      return fallback(setting, "it holds no valid lane value", null, "(unset: any valid lane)");
    }
    return Collections.unmodifiableSet(values);
  }

  private String local(Set<String> allowed) {
    return laneValue("local", null, "(unset)", allowed, "is used as the own lane all the same");
  }

  /** {@code lane.base}: a valid lane value (default {@code prod}). */
  private String base(Set<String> allowed) {
    return laneValue("base", LaneSettings.DEFAULT_BASE, LaneSettings.DEFAULT_BASE, allowed,
        "is the base lane all the same");
  }

  /** A key holding one lane value: invalid → the default; outside {@code lane.allowed} → used, with a problem. */
  private String laneValue(String key, String defaultValue, String shownDefault, Set<String> allowed,
      String outsideAllowed) {
    Setting setting = lookup(key);
    if (setting == null) {
      return defaultValue;
    }
    String value = setting.value.trim();
    String reason = LaneValues.invalidReason(value);
    if (reason != null) {
      return fallback(setting, reason, defaultValue, shownDefault);
    }
    if (allowed != null && !allowed.contains(value)) {
      problems.add(setting + " is not in lane.allowed " + allowed + "; it " + outsideAllowed);
    }
    return value;
  }

  /**
   * A duration: a number with {@code ms}, {@code s} or {@code m} ({@code 10s}, {@code 500ms}, {@code 1m}); a
   * bare number is seconds. Outside {@code [min, max]} milliseconds it is refused.
   */
  private long duration(String key, long defaultMillis, long min, long max) {
    Setting setting = lookup(key);
    if (setting == null) {
      return defaultMillis;
    }
    Long millis = parseDuration(setting.value);
    if (millis == null || millis < min || millis > max) {
      return fallback(setting, "expected a duration from " + formatDuration(min) + " to " + formatDuration(max)
          + " such as 10s, 500ms or 1m", defaultMillis, formatDuration(defaultMillis));
    }
    return millis;
  }

  static Long parseDuration(String text) {
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d{1,9})\\s*(ms|s|m)?")
        .matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      return null;
    }
    long number = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    return unit.equals("ms") ? number : unit.equals("s") ? number * 1000 : number * 60_000;
  }

  static String formatDuration(long millis) {
    return millis % 60_000 == 0 ? millis / 60_000 + "m" : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  private boolean bool(String key, boolean defaultValue) {
    Setting setting = lookup(key);
    if (setting == null) {
      return defaultValue;
    }
    String value = setting.value.trim();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    return fallback(setting, "expected true or false", defaultValue, String.valueOf(defaultValue));
  }

  /** {@link #bool} without reporting a malformed value again (it was reported when the configuration loaded). */
  private boolean boolSilently(String key, boolean defaultValue) {
    Setting setting = lookup(key);
    if (setting == null) {
      return defaultValue;
    }
    String value = setting.value.trim();
    return value.equalsIgnoreCase("true") || (!value.equalsIgnoreCase("false") && defaultValue);
  }

  /** A log MDC key: 1 to 64 characters of {@code [A-Za-z0-9._-]}. */
  private String mdcKey(String key, String defaultValue) {
    Setting setting = lookup(key);
    if (setting == null) {
      return defaultValue;
    }
    String value = setting.value.trim();
    if (value.isEmpty() || value.length() > 64 || LaneValues.invalidReason(value) != null) {
      return fallback(setting, "an MDC key is 1 to 64 characters of [A-Za-z0-9._-]", defaultValue, defaultValue);
    }
    return value;
  }

  private <T> T fallback(Setting setting, String why, T defaultValue, String shownDefault) {
    fellBack.add(setting.key);
    error("ignoring " + setting + ": " + why + "; using the default " + shownDefault);
    return defaultValue;
  }

  /** A setting that was not used as given: the self-check exits non-zero. */
  private void error(String message) {
    problems.add(message);
    errors.add(message);
  }

  /** A key without the {@code lane.} prefix, from the first source that has it. */
  private Setting lookup(String key) {
    String value = agentArgs.get(key);
    if (value != null) {
      return new Setting(key, value, "agent argument");
    }
    value = systemProperties.getProperty(PREFIX + key);
    if (value != null) {
      return new Setting(key, value, "system property -D" + PREFIX + key);
    }
    String variable = environmentName(key);
    value = environment.get(variable);
    if (value != null) {
      return new Setting(key, value, "environment variable " + variable);
    }
    return null;
  }

  /** {@code instrumentation.jdk-httpclient.enabled} → {@code LANE_INSTRUMENTATION_JDK_HTTPCLIENT_ENABLED}. */
  static String environmentName(String key) {
    return "LANE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private void reportUnknownKeys() {
    for (String key : agentArgs.keySet()) {
      if (!isKnownKey(key)) {
        error("ignoring the unknown agent argument '" + printable(key) + "'");
      }
    }
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith(PREFIX) && !isKnownKey(name.substring(PREFIX.length()))) {
        error("ignoring the unknown system property -D" + printable(name));
      }
    }
  }

  private static boolean isKnownKey(String key) {
    return KNOWN.contains(key) || PLANNED.contains(key)
        || (key.startsWith("instrumentation.") && key.endsWith(".enabled")
            && key.length() > "instrumentation.".length() + ".enabled".length());
  }

  /**
   * {@code headers=env,x-user,local=gray;debug=true}: pairs are separated by {@code ;} or {@code ,};
   * a piece without {@code =} continues the previous value (so lists need no quoting). Keys may be
   * given with or without the {@code lane.} prefix.
   */
  private Map<String, String> parseAgentArgs(String args) {
    Map<String, String> parsed = new LinkedHashMap<>();
    if (args == null || args.trim().isEmpty()) {
      return parsed;
    }
    String currentKey = null;
    for (String piece : args.split("[;,]")) {
      int equals = piece.indexOf('=');
      if (equals < 0) {
        if (currentKey == null) {
          if (!piece.trim().isEmpty()) {
            error("ignoring '" + printable(piece) + "' in the agent argument: expected key=value");
          }
        } else {
          parsed.put(currentKey, parsed.get(currentKey) + "," + piece);
        }
        continue;
      }
      String key = piece.substring(0, equals).trim().toLowerCase(Locale.ROOT);
      if (key.startsWith(PREFIX)) {
        key = key.substring(PREFIX.length());
      }
      currentKey = key;
      parsed.put(key, piece.substring(equals + 1));
    }
    return parsed;
  }

  /** RFC 9110 token characters. */
  static boolean isHeaderName(String name) {
    if (name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        return false;
      }
    }
    return true;
  }

  /** Settings are ours to print, but they may hold control characters: show those escaped. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < 80; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return text.length() > 80 ? out + "…" : out.toString();
  }

  private static final class Setting {
    final String key;
    final String value;
    final String source;

    Setting(String key, String value, String source) {
      this.key = key;
      this.value = value;
      this.source = source;
    }

    String where() {
      return PREFIX + key + " (" + source + ")";
    }

    @Override
    public String toString() {
      return PREFIX + key + "=" + printable(value) + " (" + source + ")";
    }
  }
}
