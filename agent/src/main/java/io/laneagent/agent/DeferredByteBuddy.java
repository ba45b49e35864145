package io.laneagent.agent;

import io.laneagent.bootstrap.LaneLog;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.utility.JavaModule;

/**
 * Byte Buddy's transformer, set up when a class first needs it (#19). A run served by a JDK 24+ AOT cache whose
 * training run kept its woven classes ({@link WovenClasses}) takes every class it advises at start-up from that file;
 * making Byte Buddy's {@code AgentBuilder} and its advice (~100-150 ms at premain, and the JIT's time on its code)
 * is then wasted unless a class comes that the training run did not see — one the application loads only at its
 * first requests, say. So {@link AgentInstaller} installs our {@link PrefilteringTransformer} in front of this,
 * and the first class that passes the prefilter and is not in the file has Byte Buddy set up, on its thread.
 *
 * <p>A class loaded on that thread while Byte Buddy is set up (its own classes, the JDK's reflection) gets no
 * Byte Buddy: null, as Byte Buddy itself skips a class loaded while it weaves another. Other threads wait for the
 * set-up — at most {@link #WAIT_SECONDS}, so that a class-loading deadlock between them and the set-up (which
 * would need the set-up to load a class one of them is loading) costs that class its advice and not the
 * application its threads; a line says which class.
 */
final class DeferredByteBuddy extends ResettableClassFileTransformer.AbstractBase {

  static final long WAIT_SECONDS = 30;

  private final Callable<ResettableClassFileTransformer> setUp;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile ResettableClassFileTransformer transformer;
  private volatile boolean failed;

  /** {@code setUp} makes Byte Buddy's transformer (not installed: this one is, behind our prefilter). */
  DeferredByteBuddy(Callable<ResettableClassFileTransformer> setUp) {
    this.setUp = setUp;
  }

  /** Whether Byte Buddy has been set up (for tests and the log). */
  boolean isSetUp() {
    return transformer != null;
  }

  /**
   * Byte Buddy's transformer, set up now if it is not yet ({@code internalName} is the class that needs it, for the
   * log); null while this thread sets it up, if it could not be set up, or after {@link #WAIT_SECONDS}.
   */
  ResettableClassFileTransformer transformer(String internalName) {
    ResettableClassFileTransformer ready = transformer;
    if (ready != null || failed) {
      return ready;
    }
    if (internalName == null || IgnoredClasses.ignores(internalName)) {
      return null; // nameless (Byte Buddy transforms none) or one of ours: not a reason to set Byte Buddy up
    }
    if (lock.isHeldByCurrentThread()) {
      return null; // a class loaded while this thread sets Byte Buddy up
    }
    try {
      if (!lock.tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
        LaneLog.warn("waited " + WAIT_SECONDS + " s for Byte Buddy to be set up on another thread; "
            + (internalName == null ? "a class" : internalName.replace('/', '.')) + " runs without lane-agent's advice");
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    try {
      if (transformer == null && !failed) {
        long start = System.nanoTime();
        try {
          transformer = setUp.call();
          if (LaneLog.isDebug()) {
            LaneLog.debug("Byte Buddy set up in " + (System.nanoTime() - start) / 1_000_000 + " ms, first needed by "
                + (internalName == null ? "a class" : internalName.replace('/', '.')));
          }
        } catch (Throwable e) {
          failed = true;
          LaneLog.warn("Byte Buddy could not be set up: the classes not woven ahead run without "
              + "lane-agent's advice", e);
        }
      }
      return transformer;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain, byte[] classFile) throws IllegalClassFormatException {
    ResettableClassFileTransformer byteBuddy = transformer(internalName);
    return byteBuddy == null ? null
        : byteBuddy.transform(loader, internalName, classBeingRedefined, protectionDomain, classFile);
  }

  @Override
  public Iterator<AgentBuilder.Transformer> iterator(TypeDescription typeDescription, ClassLoader classLoader,
      JavaModule module, Class<?> classBeingRedefined, ProtectionDomain protectionDomain) {
    ResettableClassFileTransformer byteBuddy = transformer;
    return byteBuddy == null ? Collections.<AgentBuilder.Transformer>emptyIterator()
        : byteBuddy.iterator(typeDescription, classLoader, module, classBeingRedefined, protectionDomain);
  }

  @Override
  public boolean reset(Instrumentation instrumentation, ResettableClassFileTransformer classFileTransformer,
      AgentBuilder.RedefinitionStrategy redefinitionStrategy,
      AgentBuilder.RedefinitionStrategy.DiscoveryStrategy redefinitionDiscoveryStrategy,
      AgentBuilder.RedefinitionStrategy.BatchAllocator redefinitionBatchAllocator,
      AgentBuilder.RedefinitionStrategy.Listener redefinitionListener) {
    ResettableClassFileTransformer byteBuddy = transformer;
    return byteBuddy != null && byteBuddy.reset(instrumentation, classFileTransformer, redefinitionStrategy,
        redefinitionDiscoveryStrategy, redefinitionBatchAllocator, redefinitionListener);
  }
}
