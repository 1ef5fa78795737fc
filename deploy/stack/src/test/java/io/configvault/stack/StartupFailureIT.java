package io.configvault.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot come up is reported with its own words, and is not left running. */
class StartupFailureIT {

    @Test
    void brokerOnATakenPortReportsTheBrokerLog(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> KafkaBroker.start(dir.resolve("kafka"), port))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot start Kafka on 127.0.0.1:" + port + " (data dir "
                            + dir.resolve("kafka") + "): the process exited with code 1")
                    .hasMessageContaining("--- last lines of " + dir.resolve("kafka/broker.log"))
                    // The broker's own log is not empty: its slf4j 2 API jar is in place.
                    .hasMessageContaining("Address already in use");
        }
    }

    @Test
    void s3ServerOnATakenPortReportsItsLog(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> S3Server.start(dir.resolve("s3"), port, "key", "secret"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Cannot start the S3 server on http://127.0.0.1:" + port
                            + " (data dir " + dir.resolve("s3") + "): the process exited with code")
                    .hasMessageContaining("Failed to bind to /127.0.0.1:" + port);
        }
    }

    @Test
    void portOutOfRangeIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        assertThatThrownBy(() -> S3Server.start(dir, 70_000, "key", "secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot use port 70000: not in 0..65535");
        assertThat(dir).isEmptyDirectory();
    }
}
