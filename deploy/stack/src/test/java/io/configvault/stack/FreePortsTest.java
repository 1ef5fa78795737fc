package io.configvault.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** A broker's listeners are picked one after the other: no two may share a port. */
    @Test
    void noPortIsHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.pick();
            assertThat(port).isBetween(1, 65_535);
            assertThat(ports.add(port)).as("port %d handed out again", port).isTrue();
        }
    }
}
