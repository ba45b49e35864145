package io.laneagent.testapp.grpc;

import com.sun.net.httpserver.HttpServer;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.laneagent.testapp.Probe;
import io.laneagent.testapp.ProbeHttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Both ends of an HTTP → gRPC → HTTP chain, with no lane code. As the front, its JDK HTTP server takes
 * {@code /probe?via=grpc&grpc=<port>&transport=…&stub=…&target=…&id=…} and makes a gRPC call — over
 * grpc-netty, grpc-netty-shaded, OkHttp or in-process, with a blocking, future or async stub, or a
 * streaming call — whose message is the rest of the query; {@code appMeta=v} adds the application's own
 * {@code env} metadata through a {@code ClientInterceptor}. As the back, its gRPC servers (Netty on a
 * two-thread executor, shaded Netty, in-process) run the message: the next hop's HTTP call, on the
 * handler's thread or ({@code then=pool}) in a pool task.
 */
public final class GrpcApp {

  private static final Map<String, ManagedChannel> CHANNELS = new ConcurrentHashMap<>();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final String IN_PROCESS = "lane-probe";
  private static final long TIMEOUT_SECONDS = 20;

  public static void main(String[] args) throws Exception {
    Server netty = io.grpc.netty.NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .executor(Executors.newFixedThreadPool(2)) // small, shared by every call: lanes must not leak between them
        .addService(ProbeService.definition()).build().start();
    Server shaded = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder
        .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .addService(ProbeService.definition()).build().start();
    InProcessServerBuilder.forName(IN_PROCESS).addService(ProbeService.definition()).build().start();

    Probe.registerHandOff("grpc", GrpcApp::callOverGrpc);
    Probe.registerHandOff("pool", params -> POOL.submit(() -> Probe.call(params)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS));

    HttpServer http = ProbeHttpServer.start(8);
    System.out.println("GRPC netty=" + netty.getPort() + " netty-shaded=" + shaded.getPort());
    Probe.ready(http.getAddress().getPort());
  }

  private static String callOverGrpc(Map<String, String> params) throws Exception {
    Map<String, String> next = new LinkedHashMap<>(params);
    next.remove("via");
    String transport = orDefault(next.remove("transport"), "netty");
    String stub = orDefault(next.remove("stub"), "blocking");
    String port = next.remove("grpc");
    String appMeta = next.remove("appMeta");
    String then = next.remove("then");
    if (then != null) {
      next.put("via", then);
    }
    Channel channel = channel(transport, port);
    if (appMeta != null) {
      channel = ClientInterceptors.intercept(channel, ownMetadata("env", appMeta));
    }
    String message = Probe.query(next);
    CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String answer;
    switch (stub) {
      case "blocking":
        answer = ClientCalls.blockingUnaryCall(channel, ProbeService.UNARY, options, message);
        break;
      case "future":
        answer = ClientCalls.futureUnaryCall(channel.newCall(ProbeService.UNARY, options), message)
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        break;
      case "async": {
        CompletableFuture<String> result = new CompletableFuture<>();
        ClientCalls.asyncUnaryCall(channel.newCall(ProbeService.UNARY, options), message, into(result));
        answer = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        break;
      }
      case "server-streaming": {
        StringJoiner all = new StringJoiner(" | ");
        for (Iterator<String> it = ClientCalls.blockingServerStreamingCall(channel, ProbeService.SERVER_STREAMING, options, message);
            it.hasNext(); ) {
          all.add(it.next());
        }
        answer = all.toString();
        break;
      }
      case "client-streaming": {
        CompletableFuture<String> result = new CompletableFuture<>();
        StreamObserver<String> requests =
            ClientCalls.asyncClientStreamingCall(channel.newCall(ProbeService.CLIENT_STREAMING, options), into(result));
        requests.onNext(message);
        requests.onCompleted();
        answer = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        break;
      }
      case "bidi": {
        CompletableFuture<String> result = new CompletableFuture<>();
        StreamObserver<String> requests =
            ClientCalls.asyncBidiStreamingCall(channel.newCall(ProbeService.BIDI, options), into(result));
        requests.onNext(message);
        String first = result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        requests.onCompleted();
        answer = first;
        break;
      }
      default:
        throw new IllegalArgumentException("unknown stub " + stub);
    }
    return "grpc " + stub + " over " + transport + ": " + answer;
  }

  private static Channel channel(String transport, String port) {
    return CHANNELS.computeIfAbsent(transport + "@" + port, key -> {
      switch (transport) {
        case "netty":
          return io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(port)).usePlaintext().build();
        case "netty-shaded":
          return io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(port))
              .usePlaintext().build();
        case "okhttp":
          return okHttpChannel(Integer.parseInt(port));
        case "inprocess":
          return InProcessChannelBuilder.forName(IN_PROCESS).build();
        default:
          throw new IllegalArgumentException("unknown transport " + transport);
      }
    });
  }

  /** By reflection: one source for every version, and Central serves grpc-okhttp only up to 1.79 here. */
  private static ManagedChannel okHttpChannel(int port) {
    try {
      Object builder = Class.forName("io.grpc.okhttp.OkHttpChannelBuilder")
          .getMethod("forAddress", String.class, int.class).invoke(null, "127.0.0.1", port);
      return ((io.grpc.ManagedChannelBuilder<?>) builder).usePlaintext().build();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("grpc-okhttp is not on this app's class path", e);
    }
  }

  /** The application's own metadata, set the way applications do: a client interceptor. */
  private static ClientInterceptor ownMetadata(String name, String value) {
    Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    return new ClientInterceptor() {
      @Override
      public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
          CallOptions callOptions, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<ReqT, RespT>(next.newCall(method, callOptions)) {
          @Override
          public void start(Listener<RespT> responseListener, Metadata headers) {
            headers.put(key, value);
            super.start(responseListener, headers);
          }
        };
      }
    };
  }

  private static StreamObserver<String> into(CompletableFuture<String> result) {
    return new StreamObserver<String>() {
      @Override
      public void onNext(String value) {
        result.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        result.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        result.complete("(no answer)");
      }
    };
  }

  private static String orDefault(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
