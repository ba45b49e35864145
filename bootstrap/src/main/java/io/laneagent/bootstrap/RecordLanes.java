package io.laneagent.bootstrap;

import io.opentelemetry.context.Scope;
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
 * <p>Advice on {@code poll()} reads every record's headers (it can see the client's types) into a
 * {@link #newBatch batch map} and hands it over with {@link #polled}; advice on the batch's
 * {@code iterator()}, {@code records(…)} (and on framework batch listeners) returns
 * {@link #iterator wrapped} views, whose {@code next()} switches lanes. This class never names a client
 * type.
 */
public final class RecordLanes {

  /**
   * The lanes of the records the last {@code poll()} on this thread returned, by record identity. Per
   * thread and per batch, not a global weak map: the records are iterated on the thread that polled
   * them (by the application, or by a framework that builds its own lists from them, like Spring
   * Kafka), and a strong map that the next poll replaces costs a fraction of a weak entry per record.
   */
  private static final ThreadLocal<Map<Object, Lanes>[]> BATCH = new ThreadLocal<Map<Object, Lanes>[]>() {
    @Override
    @SuppressWarnings("unchecked")
    protected Map<Object, Lanes>[] initialValue() {
      return new Map[1];
    }
  };

  private static final ThreadLocal<Scope[]> CURRENT = new ThreadLocal<Scope[]>() {
    @Override
    protected Scope[] initialValue() {
      return new Scope[1];
    }
  };

  private RecordLanes() {}

  /** A new map for one poll's records (identity: records are compared as objects). */
  public static Map<Object, Lanes> newBatch() {
    return new IdentityHashMap<>();
  }

  /** {@code record}'s lanes, kept in {@code batch} when there are any. */
  public static void remember(Map<Object, Lanes> batch, Object record, Lanes lanes) {
    if (record != null && !lanes.isEmpty()) {
      batch.put(record, lanes);
    }
  }

  /** This thread just polled {@code batch}; the previous poll's records are done with. */
  public static void polled(Map<Object, Lanes> batch) {
    BATCH.get()[0] = batch == null || batch.isEmpty() ? null : batch;
  }

  /** The current poll's lanes on this thread, or null when none of its records has any. */
  private static Map<Object, Lanes> currentBatch() {
    return BATCH.get()[0];
  }

  /** An iterator over {@code records} that switches the thread to each record's lanes. */
  public static Iterator<?> iterator(Iterator<?> records) {
    Map<Object, Lanes> batch = currentBatch();
    return records == null || records instanceof LanedIterator || batch == null ? records : new LanedIterator(records, batch);
  }

  public static Iterable<?> iterable(final Iterable<?> records) {
    final Map<Object, Lanes> batch = currentBatch();
    if (records == null || batch == null) {
      return records;
    }
    return new Iterable<Object>() {
      @Override
      public Iterator<Object> iterator() {
        return new LanedIterator(records.iterator(), batch);
      }
    };
  }

  public static List<?> list(List<?> records) {
    Map<Object, Lanes> batch = currentBatch();
    return records == null || records instanceof LanedList || batch == null ? records : new LanedList(records, batch, false);
  }

  /**
   * {@code records} with the lanes of {@code batch}, for a list handed to another thread (RocketMQ's consume
   * requests): its iteration switches to each record's lanes, and so does reading one by index — consumers
   * of batches of one often take {@code get(0)}. The lane ends with {@link #endOfRecord}.
   */
  public static List<?> listReadByIndex(List<?> records, Map<Object, Lanes> batch) {
    return records == null || records instanceof LanedList || batch == null || batch.isEmpty() ? records
        : new LanedList(records, batch, true);
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
    if (lanes != null) {
      LaneCounters.recordSwitched();
    }
    CURRENT.get()[0] = LaneContext.attach(lanes == null ? Lanes.EMPTY : lanes);
  }

  private static final class LanedIterator implements Iterator<Object> {
    private final Iterator<?> delegate;
    private final Map<Object, Lanes> batch;

    LanedIterator(Iterator<?> delegate, Map<Object, Lanes> batch) {
      this.delegate = delegate;
      this.batch = batch;
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
      startRecord(batch.get(record));
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
    private final Map<Object, Lanes> batch;
    private final boolean switchOnGet;

    LanedList(List<?> delegate, Map<Object, Lanes> batch, boolean switchOnGet) {
      this.delegate = delegate;
      this.batch = batch;
      this.switchOnGet = switchOnGet;
    }

    @Override
    public Object get(int index) {
      Object record = delegate.get(index);
      if (switchOnGet) {
        startRecord(batch.get(record));
      }
      return record;
    }

    @Override
    public int size() {
      return delegate.size();
    }

    @Override
    public Iterator<Object> iterator() {
      return new LanedIterator(delegate.iterator(), batch);
    }
  }
}
