package io.laneagent.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers, from a class file's constant pool alone, whether the class can declare one of the advised
 * methods. A class that declares {@code doFilter(Ljavax/servlet/ServletRequest;…)V} has both the name
 * and the descriptor as {@code CONSTANT_Utf8} entries, so a class without them has nothing we advise and
 * is skipped before Byte Buddy builds a type description or resolves its super types.
 *
 * <p>This is what keeps start-up cheap: almost every class an application loads is rejected by one
 * linear scan of its constant pool (measured in docs/architecture.md, "Start-up cost").
 */
final class SignaturePrefilter {

  /** Every distinct name and descriptor, each with its slot in the scan's "seen" array. */
  private final Map<String, Integer> slots = new LinkedHashMap<>();
  private final byte[][] strings;
  private final boolean[] interestingLength;
  /** Per signature: slot of its name, slot of its descriptor or -1 for "any descriptor", then clue slots. */
  private final int[][] signatures;
  /** Per signature: the only class (internal name) it is looked for in, or null for any class. */
  private final String[] classNames;

  /** One advised signature and what else a class must have for it to count (see TypeInstrumentation). */
  static final class Entry {
    final String signature;
    final String className;
    final String[] clues;

    Entry(String signature, String className, String[] clues) {
      this.signature = signature;
      this.className = className;
      this.clues = clues == null ? new String[0] : clues.clone();
    }
  }

  /** {@code signatures}: {@code name} or {@code name(descriptor)}, as given to AdviceTarget; any class. */
  SignaturePrefilter(Collection<String> signatureStrings) {
    this(unrestricted(signatureStrings));
  }

  private static List<Entry> unrestricted(Collection<String> signatureStrings) {
    List<Entry> entries = new ArrayList<>();
    for (String signature : signatureStrings) {
      entries.add(new Entry(signature, null, null));
    }
    return entries;
  }

  SignaturePrefilter(List<Entry> entries) {
    List<int[]> parsed = new ArrayList<>();
    classNames = new String[entries.size()];
    for (Entry entry : entries) {
      String signature = entry.signature;
      int paren = signature.indexOf('(');
      String name = paren < 0 ? signature : signature.substring(0, paren);
      String descriptor = paren < 0 ? null : signature.substring(paren);
      int[] slotsOfEntry = new int[2 + entry.clues.length];
      slotsOfEntry[0] = slot(name);
      slotsOfEntry[1] = descriptor == null ? -1 : slot(descriptor);
      for (int i = 0; i < entry.clues.length; i++) {
        slotsOfEntry[2 + i] = slot(entry.clues[i]);
      }
      classNames[parsed.size()] = entry.className;
      parsed.add(slotsOfEntry);
    }
    signatures = parsed.toArray(new int[0][]);
    strings = new byte[slots.size()][];
    int longest = 0;
    for (Map.Entry<String, Integer> entry : slots.entrySet()) {
      // names and descriptors of advised methods are ASCII: modified UTF-8 is the same bytes
      strings[entry.getValue()] = entry.getKey().getBytes(StandardCharsets.UTF_8);
      longest = Math.max(longest, strings[entry.getValue()].length);
    }
    interestingLength = new boolean[longest + 1];
    for (byte[] string : strings) {
      interestingLength[string.length] = true;
    }
  }

  private int slot(String string) {
    Integer slot = slots.get(string);
    if (slot == null) {
      slot = slots.size();
      slots.put(string, slot);
    }
    return slot;
  }

  /** Name and descriptor of {@code signature}, for the method matcher; descriptor null for a bare name. */
  static String[] split(String signature) {
    int paren = signature.indexOf('(');
    return paren < 0 ? new String[] {signature, null}
        : new String[] {signature.substring(0, paren), signature.substring(paren)};
  }

  /** {@link #mayDeclare(String, byte[])} for a class whose name is not known. */
  boolean mayDeclare(byte[] classFile) {
    return mayDeclare(null, classFile);
  }

  /**
   * True if the class ({@code internalName}, may be null) may declare an advised method; also true for
   * anything it cannot read (be safe).
   */
  boolean mayDeclare(String internalName, byte[] classFile) {
    try {
      boolean[] seen = scan(classFile);
      if (seen == null) {
        return true;
      }
      for (int i = 0; i < signatures.length; i++) {
        int[] signature = signatures[i];
        if (classNames[i] != null && !classNames[i].equals(internalName)) {
          continue;
        }
        if (seen[signature[0]] && (signature[1] < 0 || seen[signature[1]]) && anyClue(signature, seen)) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static boolean anyClue(int[] signature, boolean[] seen) {
    if (signature.length == 2) {
      return true;
    }
    for (int i = 2; i < signature.length; i++) {
      if (seen[signature[i]]) {
        return true;
      }
    }
    return false;
  }

  /** Which of our strings the constant pool holds; null if this is not a class file we can read. */
  private boolean[] scan(byte[] b) {
    if (b == null || b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
      return null;
    }
    boolean[] seen = new boolean[strings.length];
    int count = u2(b, 8);
    int pos = 10;
    for (int index = 1; index < count; index++) {
      int tag = b[pos] & 0xff;
      switch (tag) {
        case 1: // Utf8
          int length = u2(b, pos + 1);
          if (length < interestingLength.length && interestingLength[length]) {
            mark(b, pos + 3, length, seen);
          }
          pos += 3 + length;
          break;
        case 3: // Integer
        case 4: // Float
        case 9: // Fieldref
        case 10: // Methodref
        case 11: // InterfaceMethodref
        case 12: // NameAndType
        case 17: // Dynamic
        case 18: // InvokeDynamic
          pos += 5;
          break;
        case 5: // Long
        case 6: // Double
          pos += 9;
          index++; // takes two slots
          break;
        case 7: // Class
        case 8: // String
        case 16: // MethodType
        case 19: // Module
        case 20: // Package
          pos += 3;
          break;
        case 15: // MethodHandle
          pos += 4;
          break;
        default:
          return null; // a constant we do not know: let Byte Buddy decide
      }
    }
    return seen;
  }

  private void mark(byte[] b, int start, int length, boolean[] seen) {
    for (int s = 0; s < strings.length; s++) {
      byte[] string = strings[s];
      if (string.length != length || seen[s]) {
        continue;
      }
      int i = 0;
      while (i < length && b[start + i] == string[i]) {
        i++;
      }
      if (i == length) {
        seen[s] = true;
      }
    }
  }

  private static int u2(byte[] b, int pos) {
    return ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
  }

  private static int u4(byte[] b, int pos) {
    return (u2(b, pos) << 16) | u2(b, pos + 2);
  }
}
