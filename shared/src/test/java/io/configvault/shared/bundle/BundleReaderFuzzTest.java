package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.fuzz.BytesFuzzTarget;
import io.configvault.shared.fuzz.FuzzCampaign;
import io.configvault.shared.fuzz.FuzzTarget;
import io.configvault.shared.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the bundle reader (QUALITY scenario 28) with tar-aware mutations of valid bundles
 * ({@link TarMutator}). Read from memory, a bundle can only be accepted or refused with a
 * {@link BundleFormatException}: an {@link IOException} would tell the vault to retry bytes that
 * will never get better. An accepted bundle handed the sink exactly the manifest's entries, in
 * order, with their sizes and digests. Corpus: {@code src/test/resources/fuzz/bundle/}.
 */
class BundleReaderFuzzTest {

    /** Small, so that mutations reach them; the readers' real limits are far higher. */
    private static final BundleLimits LIMITS = new BundleLimits(16, 1 << 20);

    @TempDir
    Path dir;

    @Test
    void mutatedBundlesAreAcceptedOrRefusedWithBundleFormatException() throws Exception {
        FuzzCampaign.Report report = new FuzzCampaign<>(new Target(dir), ".tar")
                .run(25_000, 30);

        assertThat(report.corpusFiles()).as("regression corpus replayed").isPositive();
    }

    private record Target(Path dir) implements BytesFuzzTarget {
        @Override
        public String name() {
            return "bundle";
        }

        @Override
        public List<byte[]> seeds() throws Exception {
            Map<String, String> several = new LinkedHashMap<>();
            several.put("etc/app/config.yaml", "listen: 0.0.0.0:8080\n".repeat(60));
            several.put("empty", "");
            several.put("db/config.db", "SQLite format 3\0".repeat(40));
            Map<String, String> names = new LinkedHashMap<>();
            names.put("d/" + "long-name-".repeat(12) + ".conf", "long");
            names.put("gr\u00fc\u00dfe/\u00e9t\u00e9.conf", "unicode");
            List<byte[]> seeds = new ArrayList<>();
            seeds.add(Files.readAllBytes(Path.of("src/test/resources/golden/bundle-v1.tar")));
            for (Map<String, String> files : List.of(Map.of("a.conf", "alpha"), several, names,
                    Map.<String, String>of())) {
                Path staging = Files.createTempDirectory(dir, "seed");
                BundleFixtures.Staged staged = BundleFixtures.stage(staging, files);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BundleWriter.write(staged.manifest(), staged.contents(), out);
                seeds.add(out.toByteArray());
            }
            return seeds;
        }

        @Override
        public byte[] mutate(byte[] input, SplittableRandom random) {
            return TarMutator.mutate(input, random);
        }

        @Override
        public void parse(byte[] input) throws Exception {
            // How much the sink reads varies with the input, as the contract lets it.
            int mode = Math.floorMod(Arrays.hashCode(input), 3);
            List<String> seen = new ArrayList<>();
            Manifest manifest = BundleReader.read(new ByteArrayInputStream(input), LIMITS,
                    (entry, content) -> {
                        byte[] bytes = switch (mode) {
                            case 0 -> content.readAllBytes();
                            case 1 -> content.readNBytes(3);
                            default -> new byte[0];
                        };
                        if (mode == 0) {
                            assertThat(bytes).as("content of %s", entry.name())
                                    .hasSize((int) entry.size());
                        }
                        seen.add(entry.name() + (mode == 0 ? " " + Sha256.of(bytes) : ""));
                    });
            assertThat(seen).as("entries the sink was given").containsExactlyElementsOf(
                    manifest.entries().stream().map(e -> e.name() + (mode == 0
                            ? " " + e.sha256() : "")).toList());
            assertThat(manifest.entriesBytes()).isLessThanOrEqualTo(LIMITS.maxTotalBytes());
        }

        @Override
        public Class<? extends Exception> declared() {
            return BundleFormatException.class;
        }

        @Override
        public void checkRefusal(Exception refusal) {
            FuzzTarget.requireSafeMessage(refusal, "bundle ", "manifest ",
                    "unsupported manifest format ");
        }

        @Override
        public long allocationBudget(byte[] input) {
            // Tar and digest buffers, the manifest and its tree; never what a header declares.
            return (4L << 20) + 16L * input.length;
        }
    }
}
