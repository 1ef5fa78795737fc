package io.configvault.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks free TCP ports on the loopback interface.
 *
 * <p>The port is free when this method returns; another process may still take it before the
 * caller binds it. On a test machine that window is short enough to ignore. Within this JVM a
 * port is handed out once: the kernel may give the same free port to two binds in a row, and a
 * broker whose controller and TLS listener got the same one refused to start.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 100;

    private FreePorts() {}

    /** Returns a port that was free on 127.0.0.1 a moment ago and not returned before. */
    public static int pick() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot pick a free port on 127.0.0.1: "
                        + e.getMessage(), e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("Cannot pick a free port on 127.0.0.1: the kernel offered"
                + " only ports already handed out, " + ATTEMPTS + " times");
    }

    /** Returns {@code port}, or a freshly picked free port when {@code port} is 0. */
    static int orPick(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("Cannot use port " + port + ": not in 0..65535");
        }
        return port == 0 ? pick() : port;
    }
}
