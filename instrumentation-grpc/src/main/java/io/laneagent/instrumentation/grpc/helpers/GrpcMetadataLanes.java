package io.laneagent.instrumentation.grpc.helpers;

import io.grpc.Metadata;
import io.laneagent.bootstrap.InboundLaneReader;
import io.laneagent.bootstrap.Lanes;
import io.laneagent.bootstrap.OutboundHeaders;
import io.laneagent.bootstrap.UntrustedLanes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lanes in gRPC metadata, both ways. Metadata keys are ASCII, lower case, and may hold several values; a
 * value the agent writes replaces the key's values (there is at most the application's one to replace:
 * the walk leaves keys the call has alone). A helper, defined in the loader that has gRPC.
 */
public final class GrpcMetadataLanes {

  /** Keys for the carried header names, made once: {@code Metadata.Key.of} validates the name each time. */
  private static final ConcurrentHashMap<String, Metadata.Key<String>> KEYS = new ConcurrentHashMap<>();

  private GrpcMetadataLanes() {}

  /** Writes the lanes and trace headers an outbound call carries into its metadata. */
  public static void inject(Metadata headers) {
    for (OutboundHeaders out = OutboundHeaders.start("gRPC"); out != null && out.next(); ) {
      Metadata.Key<String> key = key(out.name());
      if (key == null) {
        continue;
      }
      String value = out.valueGiven(headers.get(key));
      if (value != null) {
        headers.removeAll(key);
        headers.put(key, value);
      }
    }
  }

  /** The lanes a server call's metadata brings, validated like an HTTP request's headers. */
  public static Lanes read(Metadata headers) {
    InboundLaneReader reader = InboundLaneReader.start();
    String[] names = reader.headers();
    for (int i = 0; i < names.length; i++) {
      Metadata.Key<String> key = key(names[i]);
      Iterable<String> values = key == null ? null : headers.getAll(key);
      if (values != null) {
        for (String value : values) {
          reader.add(i, value);
        }
      }
    }
    return reader.finish("grpc");
  }

  /**
   * At an edge ({@code lane.trust-inbound=false}) the client's lane metadata — and the lane member of its
   * baggage, with {@code lane.baggage} — is removed before the application sees the call.
   */
  public static void hideClientLanes(Metadata headers) {
    if (!UntrustedLanes.hidden()) {
      return;
    }
    boolean hid = false;
    for (String name : InboundLaneReader.start().headers()) {
      Metadata.Key<String> key = key(name);
      if (key == null || !headers.containsKey(key)) {
        continue;
      }
      if (UntrustedLanes.isLaneHeader(name)) {
        headers.removeAll(key);
        hid = true;
      } else if (UntrustedLanes.isHiddenBaggage(name)) {
        List<String> visible = new ArrayList<>();
        for (String value : headers.removeAll(key)) {
          hid |= UntrustedLanes.baggageCarriesLane(value);
          String rest = UntrustedLanes.visibleBaggage(value);
          if (rest != null) {
            visible.add(rest);
          }
        }
        for (String value : visible) {
          headers.put(key, value);
        }
      }
    }
    if (hid) {
      UntrustedLanes.hiddenAt("grpc");
    }
  }

  private static Metadata.Key<String> key(String name) {
    Metadata.Key<String> key = KEYS.get(name);
    if (key == null) {
      try {
        key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
      } catch (IllegalArgumentException notAnAsciiKey) {
        return null; // a configured name gRPC cannot carry as text (one ending in "-bin")
      }
      Metadata.Key<String> raced = KEYS.putIfAbsent(name, key);
      key = raced != null ? raced : key;
    }
    return key;
  }
}
