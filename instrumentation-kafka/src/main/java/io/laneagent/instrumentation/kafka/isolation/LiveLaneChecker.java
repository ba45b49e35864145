package io.laneagent.instrumentation.kafka.isolation;

import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.LaneCounters;
import io.laneagent.bootstrap.LaneLog;
import io.laneagent.bootstrap.Lanes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;

/**
 * Asks the broker, every {@code lane.kafka.isolation.check-interval}, which lanes of one base group have a
 * live consumer group: the groups named {@code <group>_<lane>}, live when they have members, dead when they
 * exist without (their committed offsets come along). One checker per base group and cluster in a JVM,
 * shared by its consumers, with one admin client of the consumers' own connection and security settings.
 *
 * <p>For a dead lane it also moves that group's committed offsets up to where the base consumers have its
 * records processed (the group is empty, so its offsets may be altered): a lane group that comes back
 * starts where the base left off.
 */
final class LiveLaneChecker implements Runnable, IsolatedConsumer.Snapshots {

  private static final Map<String, LiveLaneChecker> CHECKERS = new HashMap<>();
  private static ScheduledExecutorService scheduler;

  private final String key;
  private final String group;
  private final String baseLane;
  private final Map<String, Object> adminConfig;
  private final long intervalMillis;
  private final Set<IsolatedConsumer> consumers = new CopyOnWriteArraySet<>();
  private final CountDownLatch firstCheck = new CountDownLatch(1);
  private volatile LaneSnapshot snapshot = LaneSnapshot.NONE_LIVE;
  private ScheduledFuture<?> schedule;
  private Admin admin;
  private long adminRequestsCounted;

  private LiveLaneChecker(String key, String group, String baseLane, Map<String, Object> adminConfig, long intervalMillis) {
    this.key = key;
    this.group = group;
    this.baseLane = baseLane;
    this.adminConfig = adminConfig;
    this.intervalMillis = intervalMillis;
  }

  static synchronized LiveLaneChecker acquire(String group, String baseLane, Map<String, Object> adminConfig,
      long intervalMillis) {
    String key = group + "@" + adminConfig.get("bootstrap.servers");
    LiveLaneChecker checker = CHECKERS.get(key);
    if (checker == null) {
      checker = new LiveLaneChecker(key, group, baseLane, adminConfig, intervalMillis);
      CHECKERS.put(key, checker);
      checker.schedule = scheduler().scheduleWithFixedDelay(checker, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }
    return checker;
  }

  /**
   * One daemon thread for every checker of the JVM, started without lanes: the consumer thread that asks for
   * it first may be inside a request.
   */
  private static ScheduledExecutorService scheduler() {
    if (scheduler == null) {
      Object outside = LaneContext.enterCallback(Lanes.EMPTY);
      try {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, new ThreadFactory() {
          @Override
          public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "lane-agent-kafka-isolation");
            thread.setDaemon(true);
            return thread;
          }
        });
        executor.setRemoveOnCancelPolicy(true);
        scheduler = executor;
      } finally {
        LaneContext.exitCallback(outside);
      }
    }
    return scheduler;
  }

  void register(IsolatedConsumer consumer) {
    consumers.add(consumer);
  }

  void unregister(IsolatedConsumer consumer) {
    synchronized (LiveLaneChecker.class) {
      consumers.remove(consumer);
      if (!consumers.isEmpty() || CHECKERS.get(key) != this) {
        return;
      }
      CHECKERS.remove(key);
      schedule.cancel(false);
    }
    scheduler().execute(new Runnable() {
      @Override
      public void run() {
        closeAdmin();
      }
    });
  }

  @Override
  public LaneSnapshot snapshot() {
    return snapshot;
  }

  boolean awaitFirstCheck(long timeoutMillis) {
    try {
      return firstCheck.await(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void run() {
    try {
      check();
    } catch (Throwable e) {
      LaneLog.warnRateLimited("kafka-isolation-check", "Kafka isolation: looking up the lane groups of '" + group
          + "' failed (" + e + "); the last answer stays in force");
      closeAdmin(); // a new client next time: this one may be stuck on a broker that went away
    } finally {
      firstCheck.countDown();
    }
  }

  private void check() throws Exception {
    long timeout = Math.max(5_000, Math.min(intervalMillis, 30_000));
    Admin client = admin();
    Map<String, String> groupsByLane = new TreeMap<>();
    Collection<ConsumerGroupListing> listings = client.listConsumerGroups().all().get(timeout, TimeUnit.MILLISECONDS);
    for (ConsumerGroupListing listing : listings) {
      String lane = LaneGroups.laneOf(listing.groupId(), group, baseLane);
      if (lane != null) {
        groupsByLane.put(lane, listing.groupId());
      }
    }
    Set<String> live = new TreeSet<>();
    Map<String, Map<TopicPartition, Long>> dead = new TreeMap<>();
    if (!groupsByLane.isEmpty()) {
      Map<String, ConsumerGroupDescription> described =
          client.describeConsumerGroups(groupsByLane.values()).all().get(timeout, TimeUnit.MILLISECONDS);
      for (Map.Entry<String, String> entry : groupsByLane.entrySet()) {
        ConsumerGroupDescription description = described.get(entry.getValue());
        if (description != null && !description.members().isEmpty()) {
          live.add(entry.getKey());
        } else {
          dead.put(entry.getKey(), committedOffsets(client, entry.getValue(), timeout));
        }
      }
    }
    moveDeadLaneOffsets(client, groupsByLane, dead, timeout);
    LaneSnapshot previous = snapshot;
    snapshot = new LaneSnapshot(previous.version + 1, live, dead);
    if (previous == LaneSnapshot.NONE_LIVE || !previous.live.equals(live) || !previous.dead.keySet().equals(dead.keySet())) {
      LaneLog.info("Kafka isolation: lanes of group '" + group + "' with a live consumer group: "
          + (live.isEmpty() ? "none" : String.join(", ", live)) + "; without one (taken by the base): "
          + (dead.isEmpty() ? "none" : String.join(", ", dead.keySet())));
    }
    countAdminRequests(client);
  }

  private static Map<TopicPartition, Long> committedOffsets(Admin client, String laneGroup, long timeout) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : GroupOffsets.committed(client, laneGroup, timeout).entrySet()) {
      offsets.put(entry.getKey(), entry.getValue().offset());
    }
    return offsets;
  }

  /**
   * Every dead lane group's offsets go up to where this JVM's base consumers have its records processed, on
   * the partitions they own. The broker refuses while the group has members: it came back meanwhile, and
   * starts from the offsets it has.
   */
  private void moveDeadLaneOffsets(Admin client, Map<String, String> groupsByLane,
      Map<String, Map<TopicPartition, Long>> dead, long timeout) {
    for (Map.Entry<String, Map<TopicPartition, Long>> entry : dead.entrySet()) {
      String lane = entry.getKey();
      Map<TopicPartition, OffsetAndMetadata> moves = new HashMap<>();
      for (IsolatedConsumer consumer : consumers) {
        Map<TopicPartition, Long> progress = consumer.laneProgress().get(lane);
        if (progress == null) {
          continue;
        }
        for (Map.Entry<TopicPartition, Long> done : progress.entrySet()) {
          Long committed = entry.getValue().get(done.getKey());
          if (committed == null || done.getValue() > committed) {
            moves.put(done.getKey(), new OffsetAndMetadata(done.getValue()));
          }
        }
      }
      if (moves.isEmpty()) {
        continue;
      }
      try {
        client.alterConsumerGroupOffsets(groupsByLane.get(lane), moves).all().get(timeout, TimeUnit.MILLISECONDS);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> moved : moves.entrySet()) {
          entry.getValue().put(moved.getKey(), moved.getValue().offset());
        }
      } catch (Exception refused) {
        LaneLog.debug("Kafka isolation: the offsets of " + groupsByLane.get(lane) + " were not moved: " + refused);
      }
    }
  }

  /** The admin client's requests, for the MBean's isolation counters ({@code admin-requests}). */
  private void countAdminRequests(Admin client) {
    for (Map.Entry<MetricName, ? extends Metric> metric : client.metrics().entrySet()) {
      MetricName name = metric.getKey();
      if (name.name().equals("request-total") && name.group().equals("admin-client-metrics")) {
        Object value = metric.getValue().metricValue();
        if (value instanceof Number) {
          long total = ((Number) value).longValue();
          LaneCounters.isolation("admin-requests", total - adminRequestsCounted);
          adminRequestsCounted = total;
        }
      }
    }
  }

  private Admin admin() {
    if (admin == null) {
      admin = AdminClient.create(adminConfig);
      adminRequestsCounted = 0;
    }
    return admin;
  }

  private void closeAdmin() {
    if (admin != null) {
      try {
        admin.close(Duration.ofSeconds(5));
      } catch (RuntimeException ignored) {
        // closing is best effort
      }
      admin = null;
    }
  }
}
