package io.configvault.shared.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.fuzz.FuzzCampaign;
import io.configvault.shared.fuzz.FuzzTarget;
import io.configvault.shared.fuzz.JsonFuzzTarget;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the heartbeat reader (QUALITY scenario 28), which the vault runs on every decrypted
 * heartbeat: it accepts, or refuses with a {@link HeartbeatFormatException} whose message is safe
 * to log; an accepted heartbeat survives a round trip unchanged. Corpus:
 * {@code src/test/resources/fuzz/heartbeat/}.
 */
class HeartbeatCodecFuzzTest {

    @Test
    void mutatedHeartbeatsAreAcceptedOrRefusedWithHeartbeatFormatException() throws Exception {
        FuzzCampaign.Report report = new FuzzCampaign<>(new Target(), ".json")
                .run(50_000, 12);

        assertThat(report.corpusFiles()).as("regression corpus replayed").isPositive();
    }

    private static final class Target implements JsonFuzzTarget {
        @Override
        public String name() {
            return "heartbeat";
        }

        @Override
        public List<byte[]> seeds() throws Exception {
            Heartbeat other = new Heartbeat(Heartbeat.FORMAT, "a", "fleet-b_c.d",
                    SnapshotId.parse("01936f4e-9b00-7def-bfff-ffffffffffff"),
                    Instant.parse("1970-01-01T00:00:00.123456789Z"), Trigger.PRE_RESTORE,
                    SnapshotId.parse("01936f4e-8a00-7abc-8def-0123456789ab"), "0".repeat(64),
                    "x".repeat(Heartbeat.MAX_AGENT_VERSION));
            return List.of(Files.readAllBytes(Path.of("src/test/resources/golden/heartbeat-v1.json")),
                    HeartbeatCodec.encode(other));
        }

        @Override
        public void parse(byte[] input) throws Exception {
            Heartbeat heartbeat = HeartbeatCodec.decode(input);
            assertThat(HeartbeatCodec.decode(HeartbeatCodec.encode(heartbeat)))
                    .as("an accepted heartbeat round-trips").isEqualTo(heartbeat);
        }

        @Override
        public Class<? extends Exception> declared() {
            return HeartbeatFormatException.class;
        }

        @Override
        public void checkRefusal(Exception refusal) {
            FuzzTarget.requireSafeMessage(refusal, "heartbeat ", "unsupported heartbeat format ");
        }

        @Override
        public long allocationBudget(byte[] input) {
            // At most 4 KiB is parsed, a larger input is refused before parsing; the rest is
            // Jackson's buffers and classes loaded the first time a path runs.
            return 2L << 20;
        }
    }
}
