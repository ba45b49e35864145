package io.laneagent.bootstrap;

import io.opentelemetry.context.Scope;
import io.opentelemetry.context.internal.shaded.WeakConcurrentMap;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;

/**
 * Per-record lanes for message consumers (Kafka): while the application works on a record it got from
 * {@code poll()}, the thread has that record's lanes; the next record replaces them, the end of the
 * loop (or the next poll) removes them. A record without lanes runs with none, so its calls send the
 * own lane.
 *
 * <p>Advice on {@code poll()} reads every record's headers (it can see the client's types) and
 * {@link #remember}s each record's lanes; advice on the batch's {@code iterator()}, {@code records(…)}
 * (and on framework batch listeners) returns {@link #iterator wrapped} views, whose {@code next()}
 * switches lanes. This class never names a client type.
 */
public final class RecordLanes {

  /**
   * Lanes by record object. Keyed by record, not by batch: frameworks (Spring Kafka) build their own
   * batches and lists from the records the client returned.
   */
  private static final WeakConcurrentMap<Object, Lanes> RECORDS = new WeakConcurrentMap.WithInlinedExpunction<>();

  private static final ThreadLocal<Scope[]> CURRENT = new ThreadLocal<Scope[]>() {
    @Override
    protected Scope[] initialValue() {
      return new Scope[1];
    }
  };

  private RecordLanes() {}

  /** Keeps {@code lanes} for {@code record} (records without lanes are not kept). */
  public static void remember(Object record, Lanes lanes) {
    if (record != null && !lanes.isEmpty()) {
      RECORDS.put(record, lanes);
    }
  }

  /** Whether any record with lanes may still be around; until then the views stay unwrapped. */
  private static boolean anyLanedRecords() {
    return RECORDS.approximateSize() > 0;
  }

  /** An iterator over {@code records} that switches the thread to each record's lanes. */
  public static Iterator<?> iterator(Iterator<?> records) {
    return records == null || records instanceof LanedIterator || !anyLanedRecords() ? records : new LanedIterator(records);
  }

  public static Iterable<?> iterable(final Iterable<?> records) {
    if (records == null || !anyLanedRecords()) {
      return records;
    }
    return new Iterable<Object>() {
      @Override
      public Iterator<Object> iterator() {
        return new LanedIterator(records.iterator());
      }
    };
  }

  public static List<?> list(List<?> records) {
    return records == null || records instanceof LanedList || !anyLanedRecords() ? records : new LanedList(records);
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

    LanedIterator(Iterator<?> delegate) {
      this.delegate = delegate;
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
      startRecord(record == null ? null : RECORDS.get(record));
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

    LanedList(List<?> delegate) {
      this.delegate = delegate;
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
      return new LanedIterator(delegate.iterator());
    }
  }
}
