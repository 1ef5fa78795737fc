package io.configvault.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Picks free TCP ports on the loopback interface.
 *
 * <p>The port is free when this method returns; another process may still take it before the
 * caller binds it. On a test machine that window is short enough to ignore.
 */
public final class FreePorts {

    private FreePorts() {}

    /** Returns a port that was free on 127.0.0.1 a moment ago. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot pick a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Returns {@code port}, or a freshly picked free port when {@code port} is 0. */
    static int orPick(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Cannot use port " + port + ": not in 0..65535");
        }
        return port == 0 ? pick() : port;
    }
}
