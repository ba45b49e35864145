package io.laneagent.bootstrap;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A log event's MDC copy with up to two entries added (the lane and the trace id; see {@link LogLanes}):
 * a read-only view, so the copy is never duplicated per event. Serialised (Logback's socket appenders send
 * events) as a plain {@link HashMap}, so the receiving side needs no class of ours.
 */
final class MdcWithLanes extends AbstractMap<String, String> implements Serializable {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, String> base;
  /** Added keys and values; a null key is an entry not added. Never keys {@link #base} has. */
  private final transient String key1;
  private final transient String value1;
  private final transient String key2;
  private final transient String value2;

  MdcWithLanes(Map<String, String> base, String key1, String value1, String key2, String value2) {
    this.base = base == null ? Collections.<String, String>emptyMap() : base;
    this.key1 = key1;
    this.value1 = value1;
    this.key2 = key2;
    this.value2 = value2;
  }

  @Override
  public String get(Object key) {
    if (key != null) {
      if (key.equals(key1)) {
        return value1;
      }
      if (key.equals(key2)) {
        return value2;
      }
    }
    return base.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return (key != null && (key.equals(key1) || key.equals(key2))) || base.containsKey(key);
  }

  @Override
  public int size() {
    return base.size() + (key1 == null ? 0 : 1) + (key2 == null ? 0 : 1);
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<Map.Entry<String, String>>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        return new Entries();
      }

      @Override
      public int size() {
        return MdcWithLanes.this.size();
      }
    };
  }

  /** The base map's entries, then the added ones. */
  private final class Entries implements Iterator<Map.Entry<String, String>> {
    private final Iterator<Map.Entry<String, String>> inBase = base.entrySet().iterator();
    private int added; // 0: key1 next, 1: key2 next, 2: done

    @Override
    public boolean hasNext() {
      if (inBase.hasNext()) {
        return true;
      }
      if (added == 0 && key1 == null) {
        added = 1;
      }
      if (added == 1 && key2 == null) {
        added = 2;
      }
      return added < 2;
    }

    @Override
    public Map.Entry<String, String> next() {
      if (inBase.hasNext()) {
        return inBase.next();
      }
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Map.Entry<String, String> entry = added == 0
          ? new SimpleImmutableEntry<>(key1, value1) : new SimpleImmutableEntry<>(key2, value2);
      added++;
      return entry;
    }
  }

  private Object writeReplace() {
    return new HashMap<>(this);
  }
}
