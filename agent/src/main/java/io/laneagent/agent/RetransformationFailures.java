package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * What happens when the JVM refuses to retransform a batch of loaded classes. It applies a batch as a whole: one
 * class whose new bytes change its shape (another agent's transformer before ours adding a field, which only a
 * class being loaded may get) would leave every class of the batch as it was — at premain that is
 * {@code Thread}, the pools, the servlet and client classes, and the application would run without lanes. So a
 * failed batch is split in halves and retried until the classes that cannot be retransformed stand alone; such a
 * class is then retried once with the woven bytes an AOT training run kept, if there are any (they keep the class's
 * shape: what the other agent could not add stays out either way), and otherwise named in one line and no
 * longer counted as advised.
 */
final class RetransformationFailures implements AgentBuilder.RedefinitionStrategy.Listener {

  private final AdvisedClasses advised;
  /** Set once the woven-classes file is open (after the builder is made); null without one. */
  private volatile WovenClassesUse woven;

  RetransformationFailures(AdvisedClasses advised) {
    this.advised = advised;
  }

  void use(WovenClassesUse woven) {
    this.woven = woven;
  }

  @Override
  public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {}

  @Override
  public Iterable<? extends List<Class<?>>> onError(int index, List<Class<?>> batch, Throwable throwable,
      List<Class<?>> types) {
    if (LaneLog.isDebug()) {
      LaneLog.debug("the JVM refused to retransform " + (batch.size() == 1 ? batch.get(0).getName()
          : batch.size() + " classes, retrying them in halves") + ": " + throwable);
    }
    if (batch.size() > 1) {
      int half = batch.size() / 2;
      return Arrays.asList(batch.subList(0, half), batch.subList(half, batch.size()));
    }
    Class<?> type = batch.get(0);
    WovenClassesUse kept = woven;
    if (kept != null && kept.takeKeptBytesOnRetry(type)) {
      return Collections.singletonList(batch);
    }
    advised.notRetransformed(type.getName());
    LaneLog.warn("the JVM could not retransform " + type.getName() + " (" + throwable + "); it runs without "
        + "lane-agent's advice" + (Thread.class == type ? ": threads the application starts do not carry lanes" : ""));
    return Collections.emptyList();
  }

  @Override
  public void onComplete(int amount, List<Class<?>> types, Map<List<Class<?>>, Throwable> failures) {}
}
