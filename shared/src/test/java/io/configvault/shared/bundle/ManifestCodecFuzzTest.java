package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.fuzz.FuzzCampaign;
import io.configvault.shared.fuzz.FuzzTarget;
import io.configvault.shared.fuzz.JsonFuzzTarget;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the manifest reader (QUALITY scenario 28) with structure-aware JSON mutations of valid
 * manifests: it accepts, or refuses with a {@link BundleFormatException} whose message is safe to
 * log; an accepted manifest survives a round trip unchanged. Corpus:
 * {@code src/test/resources/fuzz/manifest/}.
 */
class ManifestCodecFuzzTest {

    /** Small, so that mutations reach the limit; the reader's real limit is 10,000. */
    private static final int MAX_ENTRIES = 16;

    @Test
    void mutatedManifestsAreAcceptedOrRefusedWithBundleFormatException() throws Exception {
        FuzzCampaign.Report report = new FuzzCampaign<>(new Target(), ".json")
                .run(50_000, 30);

        assertThat(report.corpusFiles()).as("regression corpus replayed").isPositive();
    }

    private static final class Target implements JsonFuzzTarget {
        @Override
        public String name() {
            return "manifest";
        }

        @Override
        public List<byte[]> seeds() throws Exception {
            Instant at = Instant.parse("2026-11-22T03:44:00Z");
            Manifest notRestorable = new Manifest(Manifest.FORMAT, "nas-17", "fleet.a_b",
                    SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab"), 0, Trigger.MANUAL,
                    at, ZoneId.of("UTC"), "1.2.3-rc1", "before upgrade \u00e9", false,
                    "no database", List.of(new ManifestEntry("cmd/out.txt", SourceKind.COMMAND,
                    0, "e".repeat(64), 0640, null, false)),
                    SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ac"));
            return List.of(Files.readAllBytes(Path.of("src/test/resources/golden/manifest-v1.json")),
                    ManifestCodec.encode(BundleFixtures.manifest(List.of())),
                    ManifestCodec.encode(notRestorable));
        }

        @Override
        public void parse(byte[] input) throws Exception {
            Manifest manifest = ManifestCodec.decode(input, MAX_ENTRIES);
            assertThat(ManifestCodec.decode(ManifestCodec.encode(manifest), MAX_ENTRIES))
                    .as("an accepted manifest round-trips").isEqualTo(manifest);
        }

        @Override
        public Class<? extends Exception> declared() {
            return BundleFormatException.class;
        }

        @Override
        public void checkRefusal(Exception refusal) {
            FuzzTarget.requireSafeMessage(refusal, "manifest ", "unsupported manifest format ");
        }

        @Override
        public long allocationBudget(byte[] input) {
            // Parsing builds a tree: a few times the input, plus Jackson's buffers.
            return (2L << 20) + 32L * input.length;
        }
    }
}
