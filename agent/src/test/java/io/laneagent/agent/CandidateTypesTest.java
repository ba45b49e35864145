package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class CandidateTypesTest {

  private static BitSet of(int... owners) {
    BitSet set = new BitSet();
    for (int owner : owners) {
      set.set(owner);
    }
    return set;
  }

  @Test
  void onlyCandidateOwnersAreAsked() {
    int[] asked = {0};
    AgentBuilder.RawMatcher counting = (type, loader, module, redefined, domain) -> ++asked[0] > 0;
    AgentBuilder.RawMatcher two = CandidateTypes.forOwner(2, counting);
    AgentBuilder.RawMatcher three = CandidateTypes.forOwner(3, counting);
    TypeDescription type = TypeDescription.ForLoadedType.of(String.class);

    BitSet previous = CandidateTypes.enter(of(2));
    try {
      assertThat(two.matches(type, null, null, null, null)).isTrue();
      assertThat(three.matches(type, null, null, null, null)).isFalse();
      assertThat(asked[0]).isEqualTo(1);
    } finally {
      CandidateTypes.exit(previous);
    }
    // nothing known (install pass over loaded classes): every matcher runs
    assertThat(three.matches(type, null, null, null, null)).isTrue();
    assertThat(asked[0]).isEqualTo(2);
  }

  @Test
  void aNestedTransformationRestoresTheOuterCandidates() {
    BitSet outer = CandidateTypes.enter(of(1));
    BitSet inner = CandidateTypes.enter(null);
    assertThat(CandidateTypes.mayMatch(9)).isTrue();
    CandidateTypes.exit(inner);
    assertThat(CandidateTypes.mayMatch(1)).isTrue();
    assertThat(CandidateTypes.mayMatch(9)).isFalse();
    CandidateTypes.exit(outer);
    assertThat(CandidateTypes.mayMatch(9)).isTrue();
  }
}
