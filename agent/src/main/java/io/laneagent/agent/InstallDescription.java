package io.laneagent.agent;

import io.laneagent.agent.config.AgentConfig;
import io.laneagent.bootstrap.LaneLog;
import io.laneagent.instrumentation.api.LaneInstrumentation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What premain needs of the instrumentations before any class is transformed: which are on (and why the others
 * are off), the advised signatures for the {@link SignaturePrefilter} and the types the install pass looks for
 * ({@link InstallPassDiscovery}). {@link #record} has every instrumentation describe itself (its classes and
 * Byte Buddy's matchers load: ~25-30 ms of premain with JDK 17 AppCDS); a dry run writes the result into the
 * woven-classes file ({@link #toBytes}), and a run that file serves reads it back ({@link #fromBytes}) and
 * records the instrumentations only if Byte Buddy is set up ({@link #recordedModules}, see
 * {@link DeferredByteBuddy}). The file's fingerprint covers all that decides this description: the agent build,
 * the configuration, the class path (extensions) and the JVM ({@code LaneInstrumentation.isSupported}).
 */
final class InstallDescription {

  private final AgentConfig config;
  /** Instrumentation name → "on" or "off (reason)", in the order they were found. */
  private final Map<String, String> states;
  private final List<SignaturePrefilter.Entry> signatures;
  private final List<String> roots;
  private final boolean everything;
  /** The recorded instrumentations; null when read from a file, until {@link #recordedModules} needs them. */
  private List<AgentBuilders.RecordedModule> recorded;

  private InstallDescription(AgentConfig config, Map<String, String> states, List<SignaturePrefilter.Entry> signatures,
      List<String> roots, boolean everything, List<AgentBuilders.RecordedModule> recorded) {
    this.config = config;
    this.states = states;
    this.signatures = signatures;
    this.roots = roots;
    this.everything = everything;
    this.recorded = recorded;
  }

  /** Every instrumentation found, described ({@code config} says which are on). */
  static InstallDescription record(AgentConfig config) {
    Map<String, String> states = new LinkedHashMap<>();
    List<SignaturePrefilter.Entry> signatures = new ArrayList<>();
    InstallPassDiscovery installPass = new InstallPassDiscovery();
    List<AgentBuilders.RecordedModule> recorded = new ArrayList<>();
    AtomicInteger owners = new AtomicInteger();
    for (LaneInstrumentation module : instrumentations()) {
      String offReason = offReason(config, module);
      if (offReason == null) {
        AgentBuilders.RecordedModule described = AgentBuilders.record(module, signatures, installPass, owners);
        if (described == null) {
          offReason = "failed";
        } else {
          recorded.add(described);
        }
      }
      states.put(module.name(), offReason == null ? "on" : "off (" + offReason + ")");
    }
    return new InstallDescription(config, states, signatures, new ArrayList<>(new TreeSet<>(installPass.roots())),
        installPass.everything(), recorded);
  }

  Map<String, String> states() {
    return Collections.unmodifiableMap(states);
  }

  /** The names of the instrumentations on. */
  List<String> active() {
    List<String> active = new ArrayList<>();
    for (Map.Entry<String, String> state : states.entrySet()) {
      if (state.getValue().equals("on")) {
        active.add(state.getKey());
      }
    }
    return active;
  }

  /** {@code name (reason)} of each instrumentation off. */
  List<String> off() {
    List<String> off = new ArrayList<>();
    for (Map.Entry<String, String> state : states.entrySet()) {
      if (!state.getValue().equals("on")) {
        off.add(state.getKey() + state.getValue().substring("off".length()));
      }
    }
    return off;
  }

  List<SignaturePrefilter.Entry> signatures() {
    return Collections.unmodifiableList(signatures);
  }

  /** Whether the instrumentations were recorded in this JVM (not read from a file). */
  boolean isRecorded() {
    return recorded != null;
  }

  /** Tells {@code installPass} what the instrumentations can match. */
  void addRootsTo(InstallPassDiscovery installPass) {
    installPass.addRoots(roots, everything);
  }

  /**
   * The recorded instrumentations, for Byte Buddy's builder. Read from a file, they are recorded now; if they then
   * describe themselves otherwise than the file said (the prefilter and the install pass were set up from it), this
   * fails rather than weave with matchers the prefilter does not know.
   */
  synchronized List<AgentBuilders.RecordedModule> recordedModules() throws IOException {
    if (recorded == null) {
      InstallDescription now = record(config);
      if (!Arrays.equals(now.toBytes(), toBytes())) {
        throw new IOException("the instrumentations describe themselves otherwise than the woven-classes file says");
      }
      recorded = now.recorded;
    }
    return recorded;
  }

  /** The description as the woven-classes file keeps it (states, signatures, install-pass roots). */
  byte[] toBytes() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(states.size());
    for (Map.Entry<String, String> state : states.entrySet()) {
      out.writeUTF(state.getKey());
      out.writeUTF(state.getValue());
    }
    out.writeInt(signatures.size());
    for (SignaturePrefilter.Entry entry : signatures) {
      out.writeUTF(entry.signature);
      out.writeBoolean(entry.className != null);
      if (entry.className != null) {
        out.writeUTF(entry.className);
      }
      WovenClasses.writeStrings(out, entry.clues);
      out.writeInt(entry.owner);
    }
    out.writeBoolean(everything);
    WovenClasses.writeStrings(out, roots.toArray(new String[0]));
    out.flush();
    return bytes.toByteArray();
  }

  /** A description read back from {@link #toBytes}; {@code config} is this JVM's (the file's fingerprint matched it). */
  static InstallDescription fromBytes(byte[] bytes, AgentConfig config) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    Map<String, String> states = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      states.put(in.readUTF(), in.readUTF());
    }
    List<SignaturePrefilter.Entry> signatures = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      String signature = in.readUTF();
      String className = in.readBoolean() ? in.readUTF() : null;
      String[] clues = WovenClasses.readStrings(in);
      signatures.add(new SignaturePrefilter.Entry(signature, className, clues, in.readInt()));
    }
    boolean everything = in.readBoolean();
    List<String> roots = Arrays.asList(WovenClasses.readStrings(in));
    if (in.read() != -1) {
      throw new IOException("damaged: the install description runs on");
    }
    return new InstallDescription(config, states, signatures, roots, everything, null);
  }

  /** Why {@code module} stays off here, or null when it is to be installed. */
  static String offReason(AgentConfig config, LaneInstrumentation module) {
    if (!config.isEnabled(module.name())) {
      return "disabled";
    }
    String switchKey = module.switchedOffBy();
    if (switchKey != null && !config.switchedOn(switchKey)) {
      return "lane." + switchKey + "=false";
    }
    if (!module.isSupported()) {
      return "not on this JVM";
    }
    return null;
  }

  /** The instrumentations of our jar's META-INF/services and of the class path's (see ClassPathInstrumentations). */
  static List<LaneInstrumentation> instrumentations() {
    List<LaneInstrumentation> found = new ArrayList<>();
    ServiceLoader<LaneInstrumentation> loader = ServiceLoader.load(LaneInstrumentation.class,
        ClassPathInstrumentations.forInstaller(AgentInstaller.class.getClassLoader()));
    java.util.Iterator<LaneInstrumentation> it = loader.iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (Throwable e) {
        LaneLog.warn("an instrumentation could not be loaded and is skipped", e);
      }
    }
    return found;
  }
}
