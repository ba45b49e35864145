package io.laneagent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one pod processed: the record log its app writes ({@code <value> <partition>:<offset>} per line). */
final class RecordLog {

  final String pod;
  final Path file;

  RecordLog(String pod, Path file) {
    this.pod = pod;
    this.file = file;
  }

  /** The values processed so far, in order (a value twice if processed twice). */
  List<String> values() {
    List<String> values = new ArrayList<>();
    try {
      if (!Files.exists(file)) {
        return values;
      }
      for (String line : Files.readAllLines(file)) {
        int space = line.indexOf(' ');
        if (space > 0 && line.indexOf(':', space) > 0) {
          values.add(line.substring(0, space));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }

  /** The log's lines: {@code <value> <partition>:<offset>}. */
  List<String> lines() {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Set<String> distinct() {
    return new LinkedHashSet<>(values());
  }

  @Override
  public String toString() {
    return pod;
  }
}
