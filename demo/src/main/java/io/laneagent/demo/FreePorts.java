package io.laneagent.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports for the workloads, held until the routers are listening too. Picking one port at a time
 * (open port 0, read it, close) can hand out the same port twice, since the kernel may give a port just
 * closed to the next bind; a workload told to listen on a taken port exits, and its peer then answers
 * for it — a CI run once routed every gray request to dog(daily) that way.
 */
final class FreePorts implements AutoCloseable {

  private final List<ServerSocket> held = new ArrayList<>();

  /** Binds {@code count} loopback ports and keeps them bound until {@link #close()}. */
  static FreePorts hold(int count) throws IOException {
    FreePorts ports = new FreePorts();
    try {
      for (int i = 0; i < count; i++) {
        ports.held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return ports;
    } catch (IOException e) {
      ports.close();
      throw e;
    }
  }

  /** The {@code index}th port held (distinct from every other held one). */
  int get(int index) {
    return held.get(index).getLocalPort();
  }

  /** Frees the ports, for the workloads to bind. */
  @Override
  public void close() {
    for (ServerSocket socket : held) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a listening socket that never accepted does not fail in practice
      }
    }
  }
}
