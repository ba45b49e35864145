package io.laneagent.instrumentation.executors;

import io.laneagent.bootstrap.PooledTaskRun;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.OpenedClassReader;

/**
 * In the visited method, every {@code runnable.run()} call becomes {@code PooledTaskRun.run(runnable)}:
 * same operand stack, same void result. Plain ASM rather than Byte Buddy's {@code MemberSubstitution},
 * which resolves the owner of every call in the method through the type pool to test its matcher — for
 * {@code ThreadPoolExecutor.runWorker} that was the costliest transformation at start-up (issue #7).
 */
final class RunnableRunRedirect implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {

  private static final String RUNNABLE = "java/lang/Runnable";
  private static final String TARGET = Type.getInternalName(PooledTaskRun.class);

  @Override
  public MethodVisitor wrap(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
      MethodVisitor methodVisitor, Implementation.Context implementationContext, TypePool typePool, int writerFlags,
      int readerFlags) {
    return new MethodVisitor(OpenedClassReader.ASM_API, methodVisitor) {
      @Override
      public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (opcode == Opcodes.INVOKEINTERFACE && RUNNABLE.equals(owner) && "run".equals(name) && "()V".equals(descriptor)) {
          super.visitMethodInsn(Opcodes.INVOKESTATIC, TARGET, "run", "(L" + RUNNABLE + ";)V", false);
        } else {
          super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }
      }
    };
  }
}
