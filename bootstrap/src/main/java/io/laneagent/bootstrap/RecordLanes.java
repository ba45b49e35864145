package io.laneagent.bootstrap;

import io.opentelemetry.context.Scope;
import io.opentelemetry.context.internal.shaded.WeakConcurrentMap;
import java.util.AbstractList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Per-record lanes for message consumers (Kafka): while the application works on a record it got from
 * {@code poll()}, the thread has that record's lanes; the next record replaces them, the end of the
 * loop (or the next poll) removes them. A record without lanes runs with none, so its calls send the
 * own lane.
 *
 * <p>Advice on {@code poll()} reads every record's headers (it can see the client's types) and
 * {@link #remember}s the batch's lanes; advice on the batch's {@code iterator()}, {@code records(…)}
 * returns the {@link #iterator wrapped} views, whose {@code next()} switches lanes. This class never
 * names a client type.
 */
public final class RecordLanes {

  private static final WeakConcurrentMap<Object, Map<Object, Lanes>> BATCHES = new WeakConcurrentMap.WithInlinedExpunction<>();

  private static final ThreadLocal<Scope[]> CURRENT = new ThreadLocal<Scope[]>() {
    @Override
    protected Scope[] initialValue() {
      return new Scope[1];
    }
  };

  private RecordLanes() {}

  /** A new, empty per-batch map (identity: records are compared as objects). */
  public static Map<Object, Lanes> newBatch() {
    return new IdentityHashMap<>();
  }

  /** Keeps {@code lanesByRecord} for the batch object {@code batch} (only when some record has lanes). */
  public static void remember(Object batch, Map<Object, Lanes> lanesByRecord) {
    if (batch != null && !lanesByRecord.isEmpty()) {
      BATCHES.put(batch, lanesByRecord);
    }
  }

  /** The batch's map, or null when none of its records has lanes (the views then stay unwrapped). */
  public static Map<Object, Lanes> of(Object batch) {
    return batch == null || BATCHES.approximateSize() == 0 ? null : BATCHES.get(batch);
  }

  /** An iterator over {@code records} that switches the thread to each record's lanes. */
  public static Iterator<?> iterator(Iterator<?> records, Map<Object, Lanes> lanes) {
    return lanes == null || records == null ? records : new LanedIterator(records, lanes);
  }

  public static Iterable<?> iterable(final Iterable<?> records, final Map<Object, Lanes> lanes) {
    if (lanes == null || records == null) {
      return records;
    }
    return new Iterable<Object>() {
      @Override
      public Iterator<Object> iterator() {
        return new LanedIterator(records.iterator(), lanes);
      }
    };
  }

  public static List<?> list(List<?> records, Map<Object, Lanes> lanes) {
    return lanes == null || records == null ? records : new LanedList(records, lanes);
  }

  /** The consumer polls again (or the loop ended): the last record's lanes are gone. */
  public static void endOfRecord() {
    Scope[] current = CURRENT.get();
    if (current[0] != null) {
      Scope scope = current[0];
      current[0] = null;
      scope.close();
    }
  }

  static void startRecord(Lanes lanes) {
    endOfRecord();
    CURRENT.get()[0] = LaneContext.attach(lanes == null ? Lanes.EMPTY : lanes);
  }

  private static final class LanedIterator implements Iterator<Object> {
    private final Iterator<?> delegate;
    private final Map<Object, Lanes> lanes;

    LanedIterator(Iterator<?> delegate, Map<Object, Lanes> lanes) {
      this.delegate = delegate;
      this.lanes = lanes;
    }

    @Override
    public boolean hasNext() {
      boolean more = delegate.hasNext();
      if (!more) {
        endOfRecord();
      }
      return more;
    }

    @Override
    public Object next() {
      Object record = delegate.next();
      startRecord(lanes.get(record));
      return record;
    }

    @Override
    public void remove() {
      delegate.remove();
    }
  }

  /** A read view of the client's (unmodifiable) record list whose iterator switches lanes. */
  private static final class LanedList extends AbstractList<Object> {
    private final List<?> delegate;
    private final Map<Object, Lanes> lanes;

    LanedList(List<?> delegate, Map<Object, Lanes> lanes) {
      this.delegate = delegate;
      this.lanes = lanes;
    }

    @Override
    public Object get(int index) {
      return delegate.get(index);
    }

    @Override
    public int size() {
      return delegate.size();
    }

    @Override
    public Iterator<Object> iterator() {
      return new LanedIterator(delegate.iterator(), lanes);
    }
  }
}
