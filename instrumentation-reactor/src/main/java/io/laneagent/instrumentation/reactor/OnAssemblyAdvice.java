package io.laneagent.instrumentation.reactor;

import io.laneagent.bootstrap.ReactiveLanes;
import io.laneagent.instrumentation.reactor.helpers.LaneLift;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined at the end of Reactor's {@code Mono/Flux/ParallelFlux.onAssembly}, which every operator passes
 * when it is assembled: an operator assembled with lanes current on the thread gets the lane lift
 * ({@link LaneLift}); every other one is returned as it is, for the price of this check.
 */
public final class OnAssemblyAdvice {

  private OnAssemblyAdvice() {}

  @Advice.OnMethodExit(suppress = Throwable.class)
  public static void onExit(@Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object assembled) {
    if (assembled != null && ReactiveLanes.assemblingInLane()) {
      assembled = LaneLift.lift(assembled);
    }
  }
}
