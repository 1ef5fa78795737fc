package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ContentDigestTest {

    private static final ManifestEntry DB = new ManifestEntry("config.db", SourceKind.SQLITE,
            8192, "a".repeat(64), 0600, Instant.parse("2026-11-22T03:44:00Z"), true);
    private static final ManifestEntry KEY = new ManifestEntry("ssh/ssh_host_ed25519_key.pub",
            SourceKind.FILE, 96, "b".repeat(64), 0644, Instant.parse("2026-01-01T00:00:00Z"),
            false);

    @Test
    void versionOneHasAKnownAnswer() {
        // Computed independently: printf 'configvault-content-digest 1\nrestorable true\n
        // config.db\tsqlite\t8192\taaa…\t0600\ttrue\nssh/…pub\tfile\t96\tbbb…\t0644\tfalse\n'
        // | sha256sum
        assertThat(ContentDigest.of(List.of(DB, KEY), true))
                .isEqualTo("2eee4c5f31cbf5dc9fce47ef2f3d4aaac2ec0d01e2c0733d70e4318f35d7af3c");
        assertThat(ContentDigest.canonicalText(List.of(DB, KEY), true)).isEqualTo(
                "configvault-content-digest 1\nrestorable true\n"
                        + "config.db\tsqlite\t8192\t" + "a".repeat(64) + "\t0600\ttrue\n"
                        + "ssh/ssh_host_ed25519_key.pub\tfile\t96\t" + "b".repeat(64)
                        + "\t0644\tfalse\n");
        assertThat(ContentDigest.of(ManifestCodecTest.goldenManifest()))
                .isEqualTo(ContentDigest.of(List.of(DB, KEY), true));
    }

    @Test
    void ignoresModificationTimesAndEntryOrder() {
        ManifestEntry touched = new ManifestEntry(DB.name(), DB.kind(), DB.size(), DB.sha256(),
                DB.mode(), Instant.parse("2027-01-01T00:00:00Z"), DB.sensitive());
        ManifestEntry noTime = new ManifestEntry(DB.name(), DB.kind(), DB.size(), DB.sha256(),
                DB.mode(), null, DB.sensitive());

        String digest = ContentDigest.of(List.of(DB, KEY), true);
        assertThat(ContentDigest.of(List.of(touched, KEY), true)).isEqualTo(digest);
        assertThat(ContentDigest.of(List.of(noTime, KEY), true)).isEqualTo(digest);
        assertThat(ContentDigest.of(List.of(KEY, DB), true)).isEqualTo(digest);
    }

    @Test
    void changesWithEveryOtherFieldAndTheRestorableFlag() {
        String digest = ContentDigest.of(List.of(DB, KEY), true);

        assertThat(List.<UnaryOperator<ManifestEntry>>of(
                e -> entry("config2.db", e.kind(), e.size(), e.sha256(), e.mode(), e.sensitive()),
                e -> entry(e.name(), SourceKind.FILE, e.size(), e.sha256(), e.mode(),
                        e.sensitive()),
                e -> entry(e.name(), e.kind(), e.size() + 1, e.sha256(), e.mode(), e.sensitive()),
                e -> entry(e.name(), e.kind(), e.size(), "c".repeat(64), e.mode(), e.sensitive()),
                e -> entry(e.name(), e.kind(), e.size(), e.sha256(), 0640, e.sensitive()),
                e -> entry(e.name(), e.kind(), e.size(), e.sha256(), e.mode(), false)))
                .allSatisfy(change -> assertThat(ContentDigest.of(List.of(change.apply(DB), KEY),
                        true)).as("changed entry").isNotEqualTo(digest));
        assertThat(ContentDigest.of(List.of(DB, KEY), false)).as("not restorable")
                .isNotEqualTo(digest);
        assertThat(ContentDigest.of(List.of(DB), true)).as("entry removed").isNotEqualTo(digest);
        assertThat(ContentDigest.of(List.of(), true)).matches("[0-9a-f]{64}");
    }

    private static ManifestEntry entry(String name, SourceKind kind, long size, String sha256,
                                       int mode, boolean sensitive) {
        return new ManifestEntry(name, kind, size, sha256, mode, DB.modifiedAt(), sensitive);
    }
}
