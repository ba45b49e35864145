package io.laneagent.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The woven-classes file of an AOT training run: what it keeps, what it refuses, what survives damage. */
class WovenClassesTest {

  private static final ClassLoader APP = ClassLoader.getSystemClassLoader();
  private static final byte[] ORIGINAL_A = {1, 2, 3, 4};
  private static final byte[] ORIGINAL_B = {5, 6, 7, 8, 9};
  private static final byte[] ORIGINAL_C = {10, 11};
  private static final byte[] DESCRIPTION = {7, 7, 7};

  @TempDir
  Path dir;

  private File written() throws IOException {
    File file = dir.resolve("app.aot.lane-woven").toFile();
    WovenClasses training = WovenClasses.writingTo(file, "build-1|config", DESCRIPTION);
    training.record(APP, "a/A", ORIGINAL_A, new byte[] {42}, new String[] {"servlet"}, new String[] {"a.Helper"});
    training.record(null, "java/lang/Thread", ORIGINAL_B, new byte[] {43, 44}, new String[] {"executors"}, new String[0]);
    training.record(APP, "c/C", ORIGINAL_C, new byte[] {45}, new String[] {"feign"}, new String[0]);
    return file;
  }

  @Test
  void aRunFindsWhatTheTrainingRunWoveForTheSameLoaderNameAndBytesOnly() throws IOException {
    WovenClasses run = WovenClasses.readFrom(written(), "build-1|config");

    WovenClasses.Entry a = run.find(APP, "a/A", ORIGINAL_A.clone());
    assertThat(a.woven()).containsExactly(42);
    assertThat(a.instrumentations).containsExactly("servlet");
    assertThat(a.helpers).containsExactly("a.Helper");
    assertThat(run.find(null, "java/lang/Thread", ORIGINAL_B).woven()).containsExactly(43, 44);
    assertThat(run.find(APP, "a/A", new byte[] {1, 2, 3, 5})).as("other bytes of the same length").isNull();
    assertThat(run.find(APP, "a/A", ORIGINAL_B)).as("another length").isNull();
    assertThat(run.find(null, "a/A", ORIGINAL_A)).as("another loader kind").isNull();
    assertThat(run.find(APP, "b/B", ORIGINAL_A)).as("another name").isNull();
  }

  @Test
  void theInstallDescriptionComesBackAndAFileCutInsideItIsRefused() throws IOException {
    File file = written();
    assertThat(WovenClasses.readFrom(file, "build-1|config").description()).containsExactly(DESCRIPTION);
    // magic, format, the fingerprint's writeUTF, then the description's length and its first byte
    int insideDescription = 4 + 4 + 2 + "build-1|config".length() + 4 + 1;
    try (RandomAccessFile cut = new RandomAccessFile(file, "rw")) {
      cut.setLength(insideDescription);
    }
    assertThatThrownBy(() -> WovenClasses.readFrom(file, "build-1|config")).isInstanceOf(IOException.class)
        .hasMessageContaining("the install description");
  }

  @Test
  void onlyTheLoadersWhoseClassPathTheJvmFixesAreKept() throws IOException {
    File file = dir.resolve("x.lane-woven").toFile();
    WovenClasses training = WovenClasses.writingTo(file, "fp", new byte[0]);
    try (URLClassLoader webApp = new URLClassLoader(new URL[0], APP)) {
      training.record(webApp, "w/W", ORIGINAL_A, new byte[] {1}, new String[0], new String[0]);
      assertThat(training.size()).isZero();
      training.record(APP.getParent(), "p/P", ORIGINAL_A, new byte[] {1}, new String[0], new String[0]);
      assertThat(WovenClasses.readFrom(file, "fp").find(APP.getParent(), "p/P", ORIGINAL_A)).as("the platform loader")
          .isNotNull();
      assertThat(WovenClasses.readFrom(file, "fp").find(webApp, "w/W", ORIGINAL_A)).isNull();
    }
  }

  @Test
  void anotherBuildConfigurationOrFileIsRefusedWithTheReason() throws IOException {
    File file = written();
    assertThatThrownBy(() -> WovenClasses.readFrom(file, "build-2|config")).isInstanceOf(IOException.class)
        .hasMessageContaining("another agent build, configuration");
    File other = dir.resolve("not-ours").toFile();
    Files.write(other.toPath(), "#!/bin/sh\necho hello\n".getBytes());
    assertThatThrownBy(() -> WovenClasses.readFrom(other, "build-1|config")).isInstanceOf(IOException.class)
        .hasMessageContaining("not a lane-agent woven-classes file");
  }

  @Test
  void aRecordCutShortByTheJvmsExitIsLeftOutAndTheOnesBeforeItAreUsed() throws IOException {
    File file = written();
    try (RandomAccessFile raw = new RandomAccessFile(file, "rw")) {
      raw.setLength(raw.length() - 3); // the last record's checksum, cut
    }
    WovenClasses run = WovenClasses.readFrom(file, "build-1|config");
    assertThat(run.size()).isEqualTo(2);
    assertThat(run.find(APP, "c/C", ORIGINAL_C)).isNull();
    assertThat(run.find(APP, "a/A", ORIGINAL_A)).isNotNull();
  }

  @Test
  void aChangedRecordEndsTheFileThere() throws IOException {
    File file = written();
    byte[] bytes = Files.readAllBytes(file.toPath());
    int thread = indexOf(bytes, "boot:java/lang/Thread".getBytes());
    bytes[thread + 5] ^= 1; // one bit of the second record
    Files.write(file.toPath(), bytes);
    WovenClasses run = WovenClasses.readFrom(file, "build-1|config");
    assertThat(run.size()).isEqualTo(1);
    assertThat(run.find(APP, "a/A", ORIGINAL_A)).isNotNull();
    assertThat(run.find(null, "java/lang/Thread", ORIGINAL_B)).isNull();
    assertThat(run.find(APP, "c/C", ORIGINAL_C)).as("after the changed record").isNull();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void aClassTheTrainingRunLeftAsItWasIsKeptAsUnchanged() throws IOException {
    File file = dir.resolve("x.lane-woven").toFile();
    WovenClasses training = WovenClasses.writingTo(file, "fp", new byte[0]);
    training.record(APP, "a/A", ORIGINAL_A, new byte[] {42}, new String[] {"servlet"}, new String[0]);
    training.record(APP, "b/B", ORIGINAL_B, new byte[0], new String[0], new String[0]);

    WovenClasses run = WovenClasses.readFrom(file, "fp");
    assertThat(run.find(APP, "a/A", ORIGINAL_A).unchanged()).isFalse();
    assertThat(run.find(APP, "b/B", ORIGINAL_B).unchanged()).isTrue();
    assertThat(run.find(APP, "b/B", ORIGINAL_C)).as("other bytes: not known").isNull();
  }

  /** A run keeps where the woven bytes are and reads them when the class comes: a file changed since gives none. */
  @Test
  void aRunReadsTheWovenBytesWhenTheClassComesAndNoneFromAFileChangedSince() throws IOException {
    File file = written();
    WovenClasses run = WovenClasses.readFrom(file, "build-1|config");
    WovenClasses.Entry c = run.find(APP, "c/C", ORIGINAL_C);
    assertThat(c.woven()).containsExactly(45);
    assertThat(c.woven()).as("read again, the same").containsExactly(45);

    WovenClasses rewritten = WovenClasses.writingTo(file, "build-1|config", DESCRIPTION); // the same records, one byte otherwise
    rewritten.record(APP, "a/A", ORIGINAL_A, new byte[] {42}, new String[] {"servlet"}, new String[] {"a.Helper"});
    rewritten.record(null, "java/lang/Thread", ORIGINAL_B, new byte[] {43, 44}, new String[] {"executors"}, new String[0]);
    rewritten.record(APP, "c/C", ORIGINAL_C, new byte[] {46}, new String[] {"feign"}, new String[0]);
    assertThat(c.woven()).as("the file changed under the run").isNull();
    assertThat(run.find(APP, "a/A", ORIGINAL_A).woven()).as("an unchanged record still reads").containsExactly(42);
  }

  /** A list longer than its count can say is refused, not written with a count that wrapped; the longest fits. */
  @Test
  void aListLongerThanItsCountCanSayIsRefusedAndTheLongestComesBack() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    assertThatThrownBy(() -> WovenClasses.writeStrings(out, new String[WovenClasses.MAX_STRINGS + 1]))
        .isInstanceOf(IOException.class).hasMessageContaining("at most 65535");
    assertThat(bytes.size()).as("nothing written").isZero();

    String[] longest = new String[WovenClasses.MAX_STRINGS];
    Arrays.fill(longest, "x");
    longest[longest.length - 1] = "last";
    WovenClasses.writeStrings(out, longest);
    String[] back = WovenClasses.readStrings(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertThat(back).hasSize(WovenClasses.MAX_STRINGS).endsWith("last");
  }
}
