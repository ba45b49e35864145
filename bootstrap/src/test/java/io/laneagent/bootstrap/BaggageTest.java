package io.laneagent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaggageTest {

  @Test
  void readsTheMemberNamedLikeTheLaneHeader() {
    assertThat(Baggage.member("userId=alice,env=gray;p=1", "env")).isEqualTo("gray");
    assertThat(Baggage.member(" userId=alice , ENV = gray ", "env")).isEqualTo("gray");
    assertThat(Baggage.member("userId=alice", "env")).isNull();
    assertThat(Baggage.member("env=gr%61y", "env")).as("percent-decoded").isEqualTo("gray");
    assertThat(Baggage.member(null, "env")).isNull();
  }

  @Test
  void setsReplacesOrRemovesTheLaneMemberAndKeepsTheOthers() {
    assertThat(Baggage.withMember("userId=alice", "env", "gray")).isEqualTo("userId=alice,env=gray");
    assertThat(Baggage.withMember("userId=alice,env=daily;p=1,k=v", "env", "gray")).isEqualTo("userId=alice,env=gray,k=v");
    assertThat(Baggage.withMember("userId=alice,env=gray;p=1", "env", "gray")).as("the same lane: kept as it came")
        .isEqualTo("userId=alice,env=gray;p=1");
    assertThat(Baggage.withMember("env=a,env=b,k=v", "env", "gray")).as("one lane member only").isEqualTo("env=gray,k=v");
    assertThat(Baggage.withMember("userId=alice,env=daily", "env", null)).isEqualTo("userId=alice");
    assertThat(Baggage.withMember("env=daily", "env", null)).isNull();
    assertThat(Baggage.withMember(null, "env", "gray")).isEqualTo("env=gray");
  }

  /** W3C: at least 64 members and 8,192 bytes propagated; past that whole members go, never the lane's. */
  @Test
  void limitsDropWholeMembersFromTheEnd() {
    assertThat(members(Baggage.withMember(list(63), "env", "gray"))).hasSize(64).endsWith("env=gray");
    List<String> cut = members(Baggage.withMember(list(64), "env", "gray"));
    assertThat(cut).hasSize(64).contains("env=gray").doesNotContain("k63=v");
    List<String> withLaneFirst = members(Baggage.withMember("env=x," + list(64), "env", "gray"));
    assertThat(withLaneFirst).hasSize(64).startsWith("env=gray");

    // "small=v," + a big member + ",env=gray": 8,192 bytes go whole, 8,193 lose the big member (never cut it)
    String exactly = "small=v," + member(8192 - "small=v,".length() - ",env=gray".length());
    assertThat(Baggage.withMember(exactly, "env", "gray")).hasSize(8192).isEqualTo(exactly + ",env=gray");
    String oneMore = "small=v," + member(8193 - "small=v,".length() - ",env=gray".length());
    assertThat(Baggage.withMember(oneMore, "env", "gray")).isEqualTo("small=v,env=gray");
  }

  private static String list(int members) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      all.add("k" + i + "=v");
    }
    return String.join(",", all);
  }

  /** One member of exactly {@code length} bytes. */
  private static String member(int length) {
    StringBuilder out = new StringBuilder("big=");
    while (out.length() < length) {
      out.append('x');
    }
    return out.toString();
  }

  private static List<String> members(String baggage) {
    return List.of(baggage.split(","));
  }
}
