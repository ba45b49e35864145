package io.laneagent.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading a class file or jar entry whole (Java 8: no {@code InputStream.readAllBytes}). */
final class Streams {

  private Streams() {}

  /** Everything {@code in} has; closes it. */
  static byte[] readAll(InputStream in) throws IOException {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      byte[] buffer = new byte[8192];
      for (int read; (read = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } finally {
      in.close();
    }
  }
}
