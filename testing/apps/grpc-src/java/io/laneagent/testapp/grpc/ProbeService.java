package io.laneagent.testapp.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.laneagent.testapp.Probe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A gRPC service written the way generated code is (a method descriptor per method, {@code ServerCalls}
 * handlers), with text messages instead of protobuf: each message is a probe query, and the server runs
 * it ({@link Probe#handle}: the next hop's HTTP call) from the place its method type makes natural — the
 * unary and server-streaming handler, the request observer's {@code onNext} for client streaming and bidi.
 */
public final class ProbeService {

  static final String SERVICE = "lane.Probe";

  private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<String>() {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        for (int n; (n = stream.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  public static final MethodDescriptor<String, String> UNARY = method("Call", MethodType.UNARY);
  static final MethodDescriptor<String, String> SERVER_STREAMING = method("Stream", MethodType.SERVER_STREAMING);
  static final MethodDescriptor<String, String> CLIENT_STREAMING = method("Collect", MethodType.CLIENT_STREAMING);
  static final MethodDescriptor<String, String> BIDI = method("Chat", MethodType.BIDI_STREAMING);

  private ProbeService() {}

  private static MethodDescriptor<String, String> method(String name, MethodType type) {
    return MethodDescriptor.<String, String>newBuilder()
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(TEXT)
        .setResponseMarshaller(TEXT)
        .build();
  }

  public static ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(UNARY, ServerCalls.asyncUnaryCall((query, responses) -> {
          responses.onNext(run(query));
          responses.onCompleted();
        }))
        .addMethod(SERVER_STREAMING, ServerCalls.asyncServerStreamingCall((query, responses) -> {
          String result = run(query);
          responses.onNext(result);
          responses.onNext(result);
          responses.onCompleted();
        }))
        .addMethod(CLIENT_STREAMING, ServerCalls.asyncClientStreamingCall(responses -> new StreamObserver<String>() {
          private final StringBuilder results = new StringBuilder();

          @Override
          public void onNext(String query) {
            results.append(run(query));
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {
            responses.onNext(results.toString());
            responses.onCompleted();
          }
        }))
        .addMethod(BIDI, ServerCalls.asyncBidiStreamingCall(responses -> new StreamObserver<String>() {
          @Override
          public void onNext(String query) {
            responses.onNext(run(query));
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {
            responses.onCompleted();
          }
        }))
        .build();
  }

  private static String run(String query) {
    try {
      if (Boolean.getBoolean("probe.log")) {
        // java.util.logging: the plain apps have no SLF4J; Spring Boot bridges it into Logback
        java.util.logging.Logger.getLogger(ProbeService.class.getName()).info("LANE-LOG id=" + Probe.parse(query).get("id"));
      }
      return Probe.handle(query);
    } catch (Exception e) {
      return "failed: " + e;
    }
  }
}
