package io.laneagent.benchmarks;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the grpc instrumentation costs one call, both sides: a blocking unary call over an in-process
 * channel (no network, so the agent's share is not lost in it) to a server in the same JVM, the
 * server on a direct executor. With the agent and {@code lane}, the caller is in lane {@code gray}: the
 * client writes the metadata, the server reads it and makes the lane current around its callbacks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GrpcCallBenchmark {

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<byte[]>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  };

  private static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Echo"))
      .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();

  private static final byte[] MESSAGE = new byte[16];

  @Param({"false", "true"})
  public boolean lane;

  private Server server;
  private ManagedChannel channel;
  private Object scope;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String name = "bench-" + System.nanoTime();
    server = InProcessServerBuilder.forName(name).directExecutor()
        .addService(ServerServiceDefinition.builder("bench.Echo")
            .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) -> {
              responses.onNext(request);
              responses.onCompleted();
            }))
            .build())
        .build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    scope = Lanes.enter(lane);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    Lanes.exit(scope);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Benchmark
  public byte[] unaryCall() {
    return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, MESSAGE);
  }
}
