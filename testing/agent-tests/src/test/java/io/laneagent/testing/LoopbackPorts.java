package io.laneagent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free loopback ports for the servers a test starts. All of one call's ports are bound at the same time
 * and only then released: picking them one at a time (bind port 0, read it, close) can hand out the same
 * port twice, since the kernel may give a port just closed to the next bind.
 */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /** {@code count} ports, free when this returns and distinct from one another. */
  static int[] distinct(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        closeQuietly(socket);
      }
    }
  }

  private static void closeQuietly(ServerSocket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // a listening socket that never accepted closes without failing in practice
      }
    }
  }
}
