package io.laneagent.agent;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The classes a JDK 24+ AOT cache's training run wove, in a file beside the cache ({@code <cache>.lane-woven}),
 * so that the runs the cache serves take each class's woven bytes from there instead of weaving it again with
 * Byte Buddy (#19: weaving the ~20 classes the JVM has loaded from the cache before premain was most of the
 * agent's start-up cost).
 *
 * <p>An entry is used only for the same class bytes (length and CRC-32 of the class file: the one the JVM hands
 * over when it loads the class; for a class it retransforms, which it hands over as reconstituted from its
 * loaded form, the class file its loader finds under its name),
 * the same kind of class loader (boot, platform, application: no other loader's classes are kept, as their
 * class paths are not the JVM's to check) and a whole-file fingerprint of what else decides the weaving: the
 * agent build, the instrumentations on, the configuration, the class path and the JVM. Anything else, or a
 * record that is not whole, and the class is woven as without the file. The JVM itself refuses an AOT cache
 * whose class path changed; the file is read only when it uses the cache.
 *
 * <p>Whoever can write this file can change the code of the classes it lists — as whoever can write the
 * AOT cache beside it can. It is read from where the JVM reads its cache, never from a request.
 */
final class WovenClasses {

  static final String SUFFIX = ".lane-woven";
  private static final int MAGIC = 0x4c414e45; // "LANE"
  /**
   * 2: entries with no woven bytes, for classes Byte Buddy leaves as they are. 3: the install description (see
   * {@link InstallDescription}) after the fingerprint, as one record.
   */
  private static final int FORMAT = 3;

  /**
   * One woven class: the instrumentations that advised it and the helper classes its advice calls. No woven
   * bytes: the training run's Byte Buddy found nothing to weave in this class file ({@link #unchanged}). A run
   * keeps only where the woven bytes are in the file and reads them when the class comes ({@link #woven()}): most
   * classes woven ahead never load, and their bytes (~0.6 MB for a Spring Boot service) would stay on the heap.
   */
  static final class Entry {
    final int length;
    final long crc;
    final String[] instrumentations;
    final String[] helpers;
    /** The training run's: the woven bytes themselves; a run's: null (see {@link #woven()}). */
    private final byte[] bytes;
    private final File file;
    private final long wovenOffset;
    private final int wovenLength;
    private final long wovenCrc;

    Entry(int length, long crc, byte[] woven, String[] instrumentations, String[] helpers) {
      this(length, crc, instrumentations, helpers, woven, null, -1, woven.length, 0);
    }

    private Entry(int length, long crc, String[] instrumentations, String[] helpers, byte[] bytes, File file,
        long wovenOffset, int wovenLength, long wovenCrc) {
      this.length = length;
      this.crc = crc;
      this.instrumentations = instrumentations;
      this.helpers = helpers;
      this.bytes = bytes;
      this.file = file;
      this.wovenOffset = wovenOffset;
      this.wovenLength = wovenLength;
      this.wovenCrc = wovenCrc;
    }

    boolean unchanged() {
      return wovenLength == 0;
    }

    /**
     * The woven bytes; in a run read from the file again, and null if they are not what was read at start (the
     * file changed since): the class is then woven as without the file.
     */
    byte[] woven() {
      if (bytes != null) {
        return bytes;
      }
      byte[] read = new byte[wovenLength];
      try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file, "r")) {
        in.seek(wovenOffset);
        in.readFully(read);
      } catch (IOException e) {
        return null;
      }
      return crc(read) == wovenCrc ? read : null;
    }
  }

  private final String fingerprint;
  /** What premain needs of the instrumentations, as {@link InstallDescription#toBytes} wrote it. */
  private final byte[] description;
  /** {@code <loader kind>:<internal name>} → entry. */
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** A training run: the file, written as classes are woven (see {@link #writingTo}); null otherwise. */
  private DataOutputStream sink;

  WovenClasses(String fingerprint, byte[] description) {
    this.fingerprint = fingerprint;
    this.description = description.clone();
  }

  byte[] description() {
    return description.clone();
  }

  int size() {
    return entries.size();
  }

  /**
   * A training run's, written to {@code file} class by class as they are woven: the JVM writes its AOT cache
   * at exit even when the application ends by {@code Runtime.halt} (Spring's {@code -Dspring.context.exit=onRefresh},
   * the documented training recipe), which runs no shutdown hook. Every record has its own checksum, so a
   * record cut short by the exit is left out when the file is read.
   */
  static WovenClasses writingTo(File file, String fingerprint, byte[] description) throws IOException {
    WovenClasses classes = new WovenClasses(fingerprint, description);
    DataOutputStream out = new DataOutputStream(new FileOutputStream(file));
    try {
      out.writeInt(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(fingerprint);
      writeRecord(out, description);
    } catch (IOException e) {
      out.close();
      throw e;
    }
    classes.sink = out;
    return classes;
  }

  /** Whether there is an entry for {@code internalName} in {@code loader} (for whatever bytes). */
  boolean contains(ClassLoader loader, String internalName) {
    String kind = loaderKind(loader);
    return kind != null && internalName != null && entries.containsKey(kind + ':' + internalName);
  }

  /** The woven class for these bytes of {@code internalName} in {@code loader}, or null. */
  Entry find(ClassLoader loader, String internalName, byte[] classFile) {
    String kind = loaderKind(loader);
    if (kind == null || internalName == null) {
      return null;
    }
    Entry entry = entries.get(kind + ':' + internalName);
    if (entry == null || entry.length != classFile.length || entry.crc != crc(classFile)) {
      return null;
    }
    return entry;
  }

  /**
   * Keeps what {@code classFile} was woven into (and writes it, in a training run); ignored for a loader whose
   * classes are not kept.
   */
  void record(ClassLoader loader, String internalName, byte[] classFile, byte[] woven, String[] instrumentations,
      String[] helpers) throws IOException {
    String kind = loaderKind(loader);
    if (kind == null || internalName == null) {
      return;
    }
    String key = kind + ':' + internalName;
    Entry entry = new Entry(classFile.length, crc(classFile), woven, instrumentations, helpers);
    if (entries.put(key, entry) == null && sink != null) {
      append(key, entry);
    }
  }

  private synchronized void append(String key, Entry entry) throws IOException {
    if (sink == null) {
      return;
    }
    byte[] woven = entry.woven();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(woven.length + 256);
    DataOutputStream record = new DataOutputStream(buffer);
    record.writeUTF(key);
    record.writeInt(entry.length);
    record.writeLong(entry.crc);
    writeStrings(record, entry.instrumentations);
    writeStrings(record, entry.helpers);
    record.writeInt(woven.length);
    record.write(woven);
    try {
      writeRecord(sink, buffer.toByteArray());
    } catch (IOException e) {
      sink = null; // one failure ends the file: what is in it stays usable
      throw e;
    }
  }

  /** {@code <length> <record> <its CRC-32>}: a record cut short or changed is told from a whole one. */
  private static void writeRecord(DataOutputStream out, byte[] record) throws IOException {
    out.writeInt(record.length);
    out.write(record);
    out.writeLong(crc(record));
    out.flush();
  }

  /**
   * "boot", "platform" (the extension loader on Java 8) or "app" — the loaders whose class paths the JVM
   * fixes at start — else null.
   */
  static String loaderKind(ClassLoader loader) {
    if (loader == null) {
      return "boot";
    }
    ClassLoader system = ClassLoader.getSystemClassLoader();
    if (loader == system) {
      return "app";
    }
    return system != null && loader == system.getParent() ? "platform" : null;
  }

  static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length);
    return crc.getValue();
  }

  /**
   * The entries of {@code file} if it was written for {@code fingerprint}, up to the first record that is not
   * whole; an {@link IOException} saying why not otherwise (another build or configuration, not such a file).
   */
  static WovenClasses readFrom(File file, String fingerprint) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file)))) {
      if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
        throw new IOException("not a lane-agent woven-classes file of format " + FORMAT);
      }
      if (!in.readUTF().equals(fingerprint)) {
        throw new IOException("written by another agent build, configuration, class path or JVM");
      }
      byte[] description = nextRecord(in, file.length());
      if (description == null) {
        throw new IOException("damaged: the install description");
      }
      WovenClasses classes = new WovenClasses(fingerprint, description);
      // magic, format, the fingerprint's writeUTF, the description's record
      long position = 4 + 4 + 2 + utfLength(fingerprint) + 4 + description.length + 8;
      while (true) {
        byte[] record = nextRecord(in, file.length());
        if (record == null) {
          return classes;
        }
        DataInputStream fields = new DataInputStream(new ByteArrayInputStream(record));
        String key = fields.readUTF();
        int length = fields.readInt();
        long crc = fields.readLong();
        String[] instrumentations = readStrings(fields);
        String[] helpers = readStrings(fields);
        int wovenLength = fields.readInt();
        if (wovenLength < 0 || wovenLength > record.length) {
          throw new IOException("damaged: a record's woven length");
        }
        // the woven bytes end the record: <record length> <record> <its CRC>
        int wovenStart = record.length - wovenLength;
        CRC32 wovenCrc = new CRC32();
        wovenCrc.update(record, wovenStart, wovenLength);
        classes.entries.put(key, new Entry(length, crc, instrumentations, helpers, null, file, position + 4 + wovenStart,
            wovenLength, wovenCrc.getValue()));
        position += 4 + record.length + 8;
      }
    } catch (EOFException e) {
      throw new IOException("cut short");
    } catch (RuntimeException e) { // a negative array size from a damaged record that passed its checksum
      throw new IOException("damaged: " + e);
    }
  }

  /** How many bytes {@link DataOutputStream#writeUTF} writes for {@code string} after its length. */
  private static int utfLength(String string) {
    int bytes = 0;
    for (int i = 0; i < string.length(); i++) {
      char c = string.charAt(i);
      bytes += c >= 0x0001 && c <= 0x007f ? 1 : c > 0x07ff ? 3 : 2;
    }
    return bytes;
  }

  /** The next whole record, or null at the end or at a record cut short or changed. */
  private static byte[] nextRecord(DataInputStream in, long fileLength) throws IOException {
    try {
      int length = in.readInt();
      if (length < 0 || length > fileLength) {
        return null;
      }
      byte[] record = new byte[length];
      in.readFully(record);
      return in.readLong() == crc(record) ? record : null;
    } catch (EOFException e) {
      return null;
    }
  }

  /** The most strings {@link #writeStrings} writes: the count is an unsigned short. */
  static final int MAX_STRINGS = 0xFFFF;

  /**
   * A count and the strings; also {@link InstallDescription}'s. More than {@link #MAX_STRINGS} is refused like
   * {@code writeUTF} refuses a long string: written as a short, the count would wrap and the file read back wrong.
   */
  static void writeStrings(DataOutputStream out, String[] strings) throws IOException {
    if (strings.length > MAX_STRINGS) {
      throw new IOException(strings.length + " strings in one list: at most " + MAX_STRINGS + " fit");
    }
    out.writeShort(strings.length);
    for (String string : strings) {
      out.writeUTF(string);
    }
  }

  static String[] readStrings(DataInputStream in) throws IOException {
    String[] strings = new String[in.readUnsignedShort()];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = in.readUTF();
    }
    return strings;
  }
}
