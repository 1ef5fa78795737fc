package io.configvault.shared.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.fuzz.FuzzCampaign;
import io.configvault.shared.fuzz.FuzzTarget;
import io.configvault.shared.fuzz.JsonFuzzTarget;
import io.configvault.shared.snapshot.SnapshotId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the snapshot request reader, which every agent runs on each signed command: it accepts,
 * or refuses with a {@link SnapshotCommandFormatException} whose message is safe to log; an
 * accepted request survives a round trip unchanged. Corpus:
 * {@code src/test/resources/fuzz/snapshot-request/}.
 */
class SnapshotCommandCodecFuzzTest {

    @Test
    void mutatedRequestsAreAcceptedOrRefusedWithSnapshotCommandFormatException()
            throws Exception {
        FuzzCampaign.Report report = new FuzzCampaign<>(new Target(), ".json")
                .run(30_000, 12);

        assertThat(report.corpusFiles()).as("regression corpus replayed").isPositive();
    }

    private static final class Target implements JsonFuzzTarget {
        @Override
        public String name() {
            return "snapshot-request";
        }

        @Override
        public List<byte[]> seeds() throws Exception {
            SnapshotCommand other = new SnapshotCommand(SnapshotCommand.FORMAT,
                    SnapshotId.parse("01936f4e-9b00-7def-bfff-ffffffffffff"), "a", "fleet-b_c.d",
                    null, Instant.parse("1970-01-01T00:00:00.123456789Z"),
                    Instant.parse("2100-01-01T00:00:00Z"));
            return List.of(Files.readAllBytes(
                            Path.of("src/test/resources/golden/snapshot-request-v1.json")),
                    SnapshotCommandCodec.encode(other));
        }

        @Override
        public void parse(byte[] input) throws Exception {
            SnapshotCommand command = SnapshotCommandCodec.decode(input);
            assertThat(SnapshotCommandCodec.decode(SnapshotCommandCodec.encode(command)))
                    .as("an accepted request round-trips").isEqualTo(command);
        }

        @Override
        public Class<? extends Exception> declared() {
            return SnapshotCommandFormatException.class;
        }

        @Override
        public void checkRefusal(Exception refusal) {
            FuzzTarget.requireSafeMessage(refusal, "snapshot request ",
                    "unsupported snapshot request format ");
        }

        @Override
        public long allocationBudget(byte[] input) {
            return 2L << 20;
        }
    }
}
