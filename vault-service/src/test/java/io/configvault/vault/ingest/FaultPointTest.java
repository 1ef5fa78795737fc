package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultPointTest {

    @TempDir
    Path dir;

    @Test
    void withoutPropertiesEveryPointPassesThrough() {
        FaultPoint.NONE.reach(FaultPoint.AFTER_PUT);
        FaultPoint.NONE.reach(FaultPoint.AFTER_ROW);

        assertThat(FaultPoint.fromSystemProperties()).isSameAs(FaultPoint.NONE);
    }

    @Test
    void theConfiguredPointWritesItsMarkerAndHoldsTheThread() throws Exception {
        Path marker = dir.resolve("reached");
        FaultPoint faults = new FaultPoint(FaultPoint.AFTER_ROW, marker);
        faults.reach(FaultPoint.AFTER_PUT);
        assertThat(marker).doesNotExist();

        Thread held = Thread.ofPlatform().daemon().start(() -> faults.reach(FaultPoint.AFTER_ROW));

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(marker));
        assertThat(Files.readString(marker)).isEqualTo(FaultPoint.AFTER_ROW);
        assertThat(held.join(Duration.ofMillis(200))).as("still held").isFalse();
    }
}
