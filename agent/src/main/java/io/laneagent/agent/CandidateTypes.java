package io.laneagent.agent;

import java.util.BitSet;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;
import java.security.ProtectionDomain;

/**
 * Which type instrumentations may apply to the class being transformed on this thread, as the
 * {@link SignaturePrefilter} found from its method table. Byte Buddy evaluates the type matcher of
 * every transformation for every class it is handed; a class that declares {@code getOutputStream()}
 * then also had its whole interface hierarchy walked for the servlet, Kafka and executor matchers
 * (class files looked up in nested jars: up to 50 ms for one logback class on the Boot sample). With
 * the candidates known, only the matching type instrumentations look at it.
 *
 * <p>Null means "not known" — the install pass over already-loaded classes, a class file the prefilter
 * could not read — and every matcher runs, as without this class.
 */
final class CandidateTypes {

  private static final ThreadLocal<BitSet> CURRENT = new ThreadLocal<BitSet>();

  private CandidateTypes() {}

  /** Makes {@code candidates} current; returns what was current (a transformation can nest another). */
  static BitSet enter(BitSet candidates) {
    BitSet previous = CURRENT.get();
    CURRENT.set(candidates);
    return previous;
  }

  static void exit(BitSet previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  static boolean mayMatch(int owner) {
    BitSet candidates = CURRENT.get();
    return candidates == null || candidates.get(owner);
  }

  /** {@code delegate}, asked only when the type instrumentation {@code owner} is a candidate. */
  static AgentBuilder.RawMatcher forOwner(final int owner, final AgentBuilder.RawMatcher delegate) {
    return new AgentBuilder.RawMatcher() {
      @Override
      public boolean matches(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
          Class<?> classBeingRedefined, ProtectionDomain protectionDomain) {
        return mayMatch(owner) && delegate.matches(typeDescription, classLoader, module, classBeingRedefined, protectionDomain);
      }
    };
  }
}
