package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturePrefilterTest {

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
    SignaturePrefilter filter = new SignaturePrefilter(List.of("start(Ljava/lang/Runnable;)V"));
    assertThat(filter.mayDeclare(classFile(CallsStartWithRunnable.class))).isFalse();
    assertThat(filter.mayDeclare(classFile(DeclaresStartWithRunnable.class))).isTrue();
  }

  @Test
  void aClassNameRestrictsTheEntryToThatClass() throws IOException {
    String self = DeclaresStartWithRunnable.class.getName().replace('.', '/');
    SignaturePrefilter filter = new SignaturePrefilter(
        List.of(new SignaturePrefilter.Entry("start(Ljava/lang/Runnable;)V", self, null)));
    assertThat(filter.mayDeclare(self, classFile(DeclaresStartWithRunnable.class))).isTrue();
    assertThat(filter.mayDeclare("some/Other", classFile(DeclaresStartWithRunnable.class))).isFalse();
  }

  @Test
  void cluesMustBeInTheConstantPool() throws IOException {
    SignaturePrefilter filter = new SignaturePrefilter(
        List.of(new SignaturePrefilter.Entry("run()V", null, new String[] {"java/lang/Thread"})));
    assertThat(filter.mayDeclare(classFile(ExtendsThread.class))).isTrue();
    assertThat(filter.mayDeclare(classFile(DeclaresRunWithoutNamingThread.class))).isFalse();
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
    SignaturePrefilter filter = new SignaturePrefilter(List.of("start(Ljava/lang/Runnable;)V"));
    assertThat(filter.mayDeclare(classFile(DeclaresStartWithRunnable.class))).isTrue();
    // has "start" and a Runnable, but never the descriptor (Ljava/lang/Runnable;)V
    assertThat(filter.mayDeclare(classFile(DeclaresStartWithoutArguments.class))).isFalse();
  }

  @Test
  void aBareNameMatchesAnyDescriptor() throws IOException {
    SignaturePrefilter filter = new SignaturePrefilter(List.of("start"));
    assertThat(filter.mayDeclare(classFile(DeclaresStartWithoutArguments.class))).isTrue();
    assertThat(new SignaturePrefilter(List.of("stop")).mayDeclare(classFile(DeclaresStartWithoutArguments.class))).isFalse();
  }

  @Test
  void readsRealJdkClassFiles() throws IOException {
    SignaturePrefilter filter = new SignaturePrefilter(List.of("getInputStream()Ljava/io/InputStream;"));
    assertThat(filter.mayDeclare(classFile(java.net.URLConnection.class))).isTrue();
    // calls URLConnection.getInputStream() but declares no such method
    assertThat(filter.mayDeclare(classFile(java.net.URL.class))).isFalse();
    assertThat(filter.mayDeclare(classFile(String.class))).isFalse();
    assertThat(filter.mayDeclare(classFile(java.util.HashMap.class))).isFalse();
  }

  @Test
  void anythingUnreadableIsLetThrough() {
    SignaturePrefilter filter = new SignaturePrefilter(List.of("x"));
    assertThat(filter.mayDeclare(new byte[] {1, 2, 3})).isTrue();
    assertThat(filter.mayDeclare(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 52, 0, 5, 99})).isTrue();
    assertThat(filter.mayDeclare(null)).isTrue();
  }

  @Test
  void splitsSignatures() {
    assertThat(SignaturePrefilter.split("doFilter(Lx;)V")).containsExactly("doFilter", "(Lx;)V");
    assertThat(SignaturePrefilter.split("connect")).containsExactly("connect", null);
  }
}
