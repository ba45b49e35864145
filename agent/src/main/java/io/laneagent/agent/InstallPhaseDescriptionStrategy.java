package io.laneagent.agent;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * How already-loaded classes are described when they are retransformed: by reflection during our own
 * install pass (fast: reading their class files again took ~250 ms of a Spring Boot start), from their
 * class files afterwards.
 *
 * <p>Why not reflection always: after our install, retransformations are started by others — another
 * agent (the OpenTelemetry agent retransforms {@code ForkJoinPool}, say) — and describing a class by
 * reflection loads the types its methods mention ({@code ForkJoinPool$WorkQueue}) while our transformer
 * is busy on this thread; Byte Buddy then skips those classes, and they would run uninstrumented.
 */
final class InstallPhaseDescriptionStrategy implements AgentBuilder.DescriptionStrategy {

  private volatile boolean installing = true;

  /** Our own install pass is over: from now on, describe from class files. */
  void installed() {
    installing = false;
  }

  @Override
  public boolean isLoadedFirst() {
    return false;
  }

  @Override
  public TypeDescription apply(String name, Class<?> type, TypePool typePool, AgentBuilder.CircularityLock lock,
      ClassLoader classLoader, JavaModule module) {
    AgentBuilder.DescriptionStrategy delegate = installing
        ? AgentBuilder.DescriptionStrategy.Default.HYBRID
        : AgentBuilder.DescriptionStrategy.Default.POOL_FIRST;
    return delegate.apply(name, type, typePool, lock, classLoader, module);
  }
}
