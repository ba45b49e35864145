package io.laneagent.agent;

import java.lang.instrument.Instrumentation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The install pass of a run whose AOT training run kept its woven classes, without Byte Buddy (see
 * {@link DeferredByteBuddy}): of the loaded classes an instrumentation may match ({@link InstallPassDiscovery}),
 * those the file has woven bytes for are retransformed — our transformer hands the JVM those bytes — and those the
 * file or the prefilter says stay as they are are left alone (the training run may have loaded a class only after
 * premain, where the prefilter turned it away: the JVM loads it from the AOT cache before premain in the runs). A
 * class neither knows (other bytes, or one Byte Buddy skipped in training) is retransformed too: our transformer
 * then has Byte Buddy set up for it, as Byte Buddy's own install pass would have looked at it. Batches the JVM
 * refuses are split as in Byte Buddy's pass ({@link RetransformationFailures}).
 */
final class WovenInstallPass {

  private WovenInstallPass() {}

  /** Retransforms what the pass finds; returns how many classes it handed the JVM. */
  static int run(Instrumentation instrumentation, InstallPassDiscovery installPass, WovenClassesUse woven,
      SignaturePrefilter prefilter, RetransformationFailures failures) {
    int handed = 0;
    // each batch is retransformed before the next pass is asked for: it looks for classes loaded meanwhile
    for (Iterable<Class<?>> batch : installPass.resolve(instrumentation)) {
      List<Class<?>> retransformed = new ArrayList<>();
      for (Class<?> type : batch) {
        if (instrumentation.isModifiableClass(type)
            && woven.forLoaded(type, prefilter) != WovenClassesUse.Loaded.UNCHANGED) {
          retransformed.add(type);
        }
      }
      retransform(instrumentation, retransformed, failures);
      handed += retransformed.size();
    }
    return handed;
  }

  private static void retransform(Instrumentation instrumentation, List<Class<?>> classes,
      RetransformationFailures failures) {
    if (classes.isEmpty()) {
      return;
    }
    Deque<List<Class<?>>> work = new ArrayDeque<>();
    work.push(classes);
    while (!work.isEmpty()) {
      List<Class<?>> batch = work.pop();
      try {
        instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
      } catch (Throwable e) {
        for (List<Class<?>> part : failures.onError(0, batch, e, classes)) {
          work.push(part);
        }
      }
    }
  }
}
