package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturePrefilterTest {

  /** Entries for any class, no clues, one owner. */
  private static SignaturePrefilter filter(String... signatures) {
    List<SignaturePrefilter.Entry> entries = new ArrayList<>();
    for (String signature : signatures) {
      entries.add(new SignaturePrefilter.Entry(signature, null, null, 0));
    }
    return new SignaturePrefilter(entries);
  }

  /** Whether the class goes on to Byte Buddy: it declares an advised method, or cannot be read. */
  private static boolean mayDeclare(SignaturePrefilter filter, String internalName, byte[] classFile) {
    BitSet owners = filter.candidates(internalName, classFile);
    return owners == null || !owners.isEmpty();
  }

  private static boolean mayDeclare(SignaturePrefilter filter, byte[] classFile) {
    return mayDeclare(filter, null, classFile);
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  static class DeclaresStartWithRunnable {
    void start(Runnable task) {}
  }

  static class DeclaresStartWithoutArguments {
    long big = 1L; // two-slot constants before the names
    double other = 2.5;

    void start() {}

    String startLater(Runnable later) {
      return "start is only a substring in here: " + big + other + later;
    }
  }

  static class CallsStartWithRunnable {
    void go(DeclaresStartWithRunnable other) {
      other.start(() -> {}); // name and descriptor in the constant pool, but only as a Methodref
    }
  }

  static class ExtendsThread extends Thread {
    @Override
    public void run() {}
  }

  static class DeclaresRunWithoutNamingThread implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void aClassThatOnlyCallsTheMethodDoesNotDeclareIt() throws IOException {
    SignaturePrefilter filter = filter("start(Ljava/lang/Runnable;)V");
    assertThat(mayDeclare(filter, classFile(CallsStartWithRunnable.class))).isFalse();
    assertThat(mayDeclare(filter, classFile(DeclaresStartWithRunnable.class))).isTrue();
  }

  @Test
  void aClassNameRestrictsTheEntryToThatClass() throws IOException {
    String self = DeclaresStartWithRunnable.class.getName().replace('.', '/');
    SignaturePrefilter filter = new SignaturePrefilter(
        List.of(new SignaturePrefilter.Entry("start(Ljava/lang/Runnable;)V", self, null, 0)));
    assertThat(mayDeclare(filter, self, classFile(DeclaresStartWithRunnable.class))).isTrue();
    assertThat(mayDeclare(filter, "some/Other", classFile(DeclaresStartWithRunnable.class))).isFalse();
  }

  @Test
  void cluesMustBeInTheConstantPool() throws IOException {
    SignaturePrefilter filter = new SignaturePrefilter(
        List.of(new SignaturePrefilter.Entry("run()V", null, new String[] {"java/lang/Thread"}, 0)));
    assertThat(mayDeclare(filter, classFile(ExtendsThread.class))).isTrue();
    assertThat(mayDeclare(filter, classFile(DeclaresRunWithoutNamingThread.class))).isFalse();
  }

  @Test
  void candidatesAreTheOwnersOfTheDeclaredSignatures() throws IOException {
    SignaturePrefilter filter = new SignaturePrefilter(List.of(
        new SignaturePrefilter.Entry("start(Ljava/lang/Runnable;)V", null, null, 3),
        new SignaturePrefilter.Entry("start()V", null, null, 5),
        new SignaturePrefilter.Entry("run()V", null, new String[] {"java/lang/Thread"}, 7)));
    assertThat(filter.candidates(null, classFile(DeclaresStartWithRunnable.class)).stream()).containsExactly(3);
    assertThat(filter.candidates(null, classFile(DeclaresStartWithoutArguments.class)).stream()).containsExactly(5);
    assertThat(filter.candidates(null, classFile(ExtendsThread.class)).stream()).containsExactly(7);
    assertThat(filter.candidates(null, classFile(CallsStartWithRunnable.class)).isEmpty()).isTrue();
    assertThat(filter.candidates(null, new byte[] {1, 2, 3})).as("unreadable: every owner").isNull();
  }

  @Test
  void nameAndDescriptorMustBothBePresent() throws IOException {
    SignaturePrefilter filter = filter("start(Ljava/lang/Runnable;)V");
    assertThat(mayDeclare(filter, classFile(DeclaresStartWithRunnable.class))).isTrue();
    // has "start" and a Runnable, but never the descriptor (Ljava/lang/Runnable;)V
    assertThat(mayDeclare(filter, classFile(DeclaresStartWithoutArguments.class))).isFalse();
  }

  @Test
  void aBareNameMatchesAnyDescriptor() throws IOException {
    SignaturePrefilter filter = filter("start");
    assertThat(mayDeclare(filter, classFile(DeclaresStartWithoutArguments.class))).isTrue();
    assertThat(mayDeclare(filter("stop"), classFile(DeclaresStartWithoutArguments.class))).isFalse();
  }

  @Test
  void readsRealJdkClassFiles() throws IOException {
    SignaturePrefilter filter = filter("getInputStream()Ljava/io/InputStream;");
    assertThat(mayDeclare(filter, classFile(java.net.URLConnection.class))).isTrue();
    // calls URLConnection.getInputStream() but declares no such method
    assertThat(mayDeclare(filter, classFile(java.net.URL.class))).isFalse();
    assertThat(mayDeclare(filter, classFile(String.class))).isFalse();
    assertThat(mayDeclare(filter, classFile(java.util.HashMap.class))).isFalse();
  }

  @Test
  void anythingUnreadableIsLetThrough() {
    SignaturePrefilter filter = filter("x");
    assertThat(mayDeclare(filter, new byte[] {1, 2, 3})).isTrue();
    assertThat(mayDeclare(filter, new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 52, 0, 5, 99})).isTrue();
    assertThat(mayDeclare(filter, (byte[]) null)).isTrue();
  }

  @Test
  void splitsSignatures() {
    assertThat(SignaturePrefilter.split("doFilter(Lx;)V")).containsExactly("doFilter", "(Lx;)V");
    assertThat(SignaturePrefilter.split("connect")).containsExactly("connect", null);
  }
}
