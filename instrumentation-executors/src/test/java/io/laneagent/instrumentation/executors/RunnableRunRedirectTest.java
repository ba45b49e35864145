package io.laneagent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

import io.laneagent.bootstrap.LaneContext;
import io.laneagent.bootstrap.LaneTasks;
import io.laneagent.bootstrap.Lanes;
import io.opentelemetry.context.Scope;
import java.util.concurrent.Callable;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import org.junit.jupiter.api.Test;

class RunnableRunRedirectTest {

  /** Shaped like ThreadPoolExecutor.runWorker: the task's run() between two calls of other methods. */
  public static class Worker {
    public static void runWorker(Runnable task, Callable<Object> before) throws Exception {
      before.call();
      task.run();
      before.call();
    }

    public static void other(Runnable task) {
      task.run();
    }
  }

  private static Class<?> redirected() {
    return new ByteBuddy().redefine(Worker.class).name(Worker.class.getName() + "Redirected")
        .visit(new AsmVisitorWrapper.ForDeclaredMethods().method(named("runWorker"), new RunnableRunRedirect()))
        .make().load(Worker.class.getClassLoader(), ClassLoadingStrategy.Default.CHILD_FIRST).getLoaded();
  }

  @Test
  void theTaskRunsThroughPooledTaskRunWithItsHandOffLanes() throws Exception {
    Lanes[] seen = new Lanes[1];
    int[] runs = new int[1];
    Runnable task = () -> {
      seen[0] = LaneContext.current();
      runs[0]++;
    };
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      LaneTasks.capture(task);
    }
    Callable<Object> before = () -> null;
    redirected().getMethod("runWorker", Runnable.class, Callable.class).invoke(null, task, before);
    assertThat(runs[0]).isEqualTo(1);
    assertThat(seen[0]).isEqualTo(Lanes.of("gray"));
    assertThat(LaneContext.current()).isSameAs(Lanes.EMPTY);
  }

  @Test
  void otherMethodsAreLeftAlone() throws Exception {
    Lanes[] seen = new Lanes[1];
    Runnable task = () -> seen[0] = LaneContext.current();
    try (Scope ignored = LaneContext.attach(Lanes.of("gray"))) {
      LaneTasks.capture(task);
    }
    redirected().getMethod("other", Runnable.class).invoke(null, task);
    assertThat(seen[0]).isSameAs(Lanes.EMPTY);
  }
}
