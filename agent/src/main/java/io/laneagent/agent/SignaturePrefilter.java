package io.laneagent.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers, from the raw class file, whether the class declares one of the advised methods. A class that
 * declares {@code doFilter(Ljavax/servlet/ServletRequest;…)V} has both the name and the descriptor as
 * {@code CONSTANT_Utf8} entries, so one linear scan of the constant pool rejects almost every class an
 * application loads. The few that have the strings are then checked against their method table: the
 * strings are also there in every class that merely <em>calls</em> such a method ({@code getInputStream()},
 * {@code run()}), and each of those would otherwise cost Byte Buddy a type description and a walk of its
 * super types (measured in docs/architecture.md, "Start-up cost").
 */
final class SignaturePrefilter {

  /** Shared "no candidates" answer; never modified. */
  private static final BitSet NONE = new BitSet(0);

  /** Every distinct name and descriptor, each with its slot in the scan's "seen" array. */
  private final Map<String, Integer> slots = new LinkedHashMap<>();
  private final byte[][] strings;
  /** Slots of our strings by length in bytes: a constant-pool string is compared only with these. */
  private final int[][] byLength;
  /** Per signature: slot of its name, slot of its descriptor or -1 for "any descriptor", then clue slots. */
  private final int[][] signatures;
  /** Per signature: the only class (internal name) it is looked for in, or null for any class. */
  private final String[] classNames;
  /** Per signature: the type instrumentation it belongs to (see CandidateTypes). */
  private final int[] owners;

  /** One advised signature and what else a class must have for it to count (see TypeInstrumentation). */
  static final class Entry {
    final String signature;
    final String className;
    final String[] clues;
    final int owner;

    /** {@code owner}: the id of the type instrumentation the signature belongs to, 0 or more. */
    Entry(String signature, String className, String[] clues, int owner) {
      this.signature = signature;
      this.className = className;
      this.clues = clues == null ? new String[0] : clues.clone();
      this.owner = owner;
    }
  }

  SignaturePrefilter(List<Entry> entries) {
    List<int[]> parsed = new ArrayList<>();
    classNames = new String[entries.size()];
    owners = new int[entries.size()];
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
      owners[parsed.size()] = entry.owner;
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
    byLength = new int[longest + 1][];
    for (int slot = 0; slot < strings.length; slot++) {
      int length = strings[slot].length;
      byLength[length] = byLength[length] == null ? new int[] {slot} : append(byLength[length], slot);
    }
  }

  private static int[] append(int[] array, int value) {
    int[] longer = java.util.Arrays.copyOf(array, array.length + 1);
    longer[array.length] = value;
    return longer;
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

  /**
   * The owners (type instrumentations) of the advised methods the class ({@code internalName}, may be
   * null) declares — name and descriptor in its method table, with the entry's class name and clues
   * satisfied: empty for none, null for a class file this reader cannot read (then every type
   * instrumentation must look at it: be safe).
   */
  BitSet candidates(String internalName, byte[] classFile) {
    try {
      return declaredOwners(internalName, classFile);
    } catch (RuntimeException e) {
      return null; // a truncated or unusual class file: let Byte Buddy decide
    }
  }

  private BitSet declaredOwners(String internalName, byte[] b) {
    if (b == null || b.length < 10 || u4(b, 0) != 0xCAFEBABE) {
      return null;
    }
    int count = u2(b, 8);
    // slot + 1 of each constant-pool index that holds one of our strings; 0 for every other index.
    // Allocated at the first such string: most classes have none.
    int[][] slotAt = new int[1][];
    boolean[] seen = new boolean[strings.length];
    int pos = scanConstantPool(b, count, slotAt, seen);
    if (pos < 0) {
      return null; // a constant we do not know
    }
    // Most classes end here: no entry has all its strings in the constant pool.
    if (!anyCandidate(internalName, seen)) {
      return NONE;
    }
    // The strings are also there when the class only calls such a method (Methodref), so look at
    // the methods it declares: access, this, super, interfaces, fields, then methods.
    pos += 6;
    pos += 2 + 2 * u2(b, pos);
    pos = skipMembers(b, pos);
    int methods = u2(b, pos);
    pos += 2;
    BitSet found = null;
    for (int m = 0; m < methods; m++) {
      int name = slotAt[0][u2(b, pos + 2)] - 1;
      int descriptor = slotAt[0][u2(b, pos + 4)] - 1;
      if (name >= 0) {
        found = addAdvised(found, internalName, name, descriptor, seen);
      }
      pos = skipAttributes(b, pos + 6);
    }
    return found == null ? NONE : found;
  }

  private boolean anyCandidate(String internalName, boolean[] seen) {
    for (int i = 0; i < signatures.length; i++) {
      int[] signature = signatures[i];
      if (appliesTo(i, internalName) && seen[signature[0]] && (signature[1] < 0 || seen[signature[1]])
          && anyClue(signature, seen)) {
        return true;
      }
    }
    return false;
  }

  private BitSet addAdvised(BitSet found, String internalName, int name, int descriptor, boolean[] seen) {
    for (int i = 0; i < signatures.length; i++) {
      int[] signature = signatures[i];
      if (signature[0] == name && (signature[1] < 0 || signature[1] == descriptor) && appliesTo(i, internalName)
          && anyClue(signature, seen)) {
        found = found == null ? new BitSet() : found;
        found.set(owners[i]);
      }
    }
    return found;
  }

  private boolean appliesTo(int entry, String internalName) {
    return classNames[entry] == null || classNames[entry].equals(internalName);
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

  /** Fields or methods: count, then each with access, name, descriptor and attributes. */
  private static int skipMembers(byte[] b, int pos) {
    int members = u2(b, pos);
    pos += 2;
    for (int i = 0; i < members; i++) {
      pos = skipAttributes(b, pos + 6);
    }
    return pos;
  }

  private static int skipAttributes(byte[] b, int pos) {
    int attributes = u2(b, pos);
    pos += 2;
    for (int i = 0; i < attributes; i++) {
      pos += 6 + u4(b, pos + 2);
    }
    return pos;
  }

  /**
   * Marks which of our strings the constant pool holds ({@code seen}) and where ({@code slotAt});
   * returns the position after the pool, or -1 for a constant this reader does not know.
   */
  private int scanConstantPool(byte[] b, int count, int[][] slotAt, boolean[] seen) {
    int pos = 10;
    for (int index = 1; index < count; index++) {
      int tag = b[pos] & 0xff;
      switch (tag) {
        case 1: // Utf8
          int length = u2(b, pos + 1);
          if (length < byLength.length && byLength[length] != null) {
            int slot = find(b, pos + 3, length);
            if (slot >= 0) {
              seen[slot] = true;
              if (slotAt[0] == null) {
                slotAt[0] = new int[count];
              }
              slotAt[0][index] = slot + 1;
            }
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
          return -1;
      }
    }
    return pos;
  }

  /** The slot of the string at {@code b[start..start+length)}, or -1 if it is none of ours. */
  private int find(byte[] b, int start, int length) {
    int[] candidates = byLength[length];
    for (int slot : candidates) {
      byte[] string = strings[slot];
      int i = 0;
      while (i < length && b[start + i] == string[i]) {
        i++;
      }
      if (i == length) {
        return slot;
      }
    }
    return -1;
  }

  private static int u2(byte[] b, int pos) {
    return ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
  }

  private static int u4(byte[] b, int pos) {
    return (u2(b, pos) << 16) | u2(b, pos + 2);
  }
}
