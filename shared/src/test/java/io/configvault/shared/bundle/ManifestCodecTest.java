package io.configvault.shared.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestCodecTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/manifest-v1.json");

    static Manifest goldenManifest() {
        return BundleFixtures.manifest(List.of(
                new ManifestEntry("config.db", SourceKind.SQLITE, 8192,
                        "a".repeat(64), 0600, Instant.parse("2026-11-22T03:44:00Z"), true),
                new ManifestEntry("ssh/ssh_host_ed25519_key.pub", SourceKind.FILE, 96,
                        "b".repeat(64), 0644, Instant.parse("2026-01-01T00:00:00Z"), false)));
    }

    @Test
    void encodesFormatOneExactlyAsTheGoldenFile() throws Exception {
        byte[] golden = Files.readAllBytes(GOLDEN);

        assertThat(new String(ManifestCodec.encode(goldenManifest()), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
        assertThat(ManifestCodec.decode(golden, 100)).isEqualTo(goldenManifest());
    }

    @Test
    void theRequestIdIsWrittenOnlyWhenPresentAndReadBack() throws Exception {
        Manifest plain = goldenManifest();
        SnapshotId request = SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ac");
        Manifest requested = new Manifest(plain.format(), plain.applianceId(), plain.fleet(),
                plain.snapshotId(), plain.sequence(), plain.trigger(), plain.capturedAt(),
                plain.timeZone(), plain.agentVersion(), plain.label(), plain.restorable(),
                plain.notRestorableReason(), plain.entries(), request);

        String json = new String(ManifestCodec.encode(requested), StandardCharsets.UTF_8);

        assertThat(new String(ManifestCodec.encode(plain), StandardCharsets.UTF_8))
                .doesNotContain("requestId");
        assertThat(json).contains("\"requestId\" : \"" + request + "\"");
        assertThat(ManifestCodec.decode(json.getBytes(StandardCharsets.UTF_8), 100))
                .isEqualTo(requested);
        assertThatThrownBy(() -> ManifestCodec.decode(json.replace("\"" + request + "\"",
                "null").getBytes(StandardCharsets.UTF_8), 100))
                .hasMessage("manifest field 'requestId' is not a string");
        assertThatThrownBy(() -> ManifestCodec.decode(json.replace(request.toString(),
                "x").getBytes(StandardCharsets.UTF_8), 100))
                .hasMessageStartingWith("manifest is invalid: ");
    }

    @Test
    void rejectsUnknownFieldsWrongTypesAndBadNames() throws Exception {
        String golden = Files.readString(GOLDEN);

        assertThatThrownBy(() -> ManifestCodec.decode(
                golden.replace("\"format\"", "\"extra\" : 1, \"format\"").getBytes(), 100))
                .hasMessage("manifest has an unknown field");
        assertThatThrownBy(() -> ManifestCodec.decode(
                golden.replace("\"sequence\" : 7", "\"sequence\" : \"7\"").getBytes(), 100))
                .hasMessage("manifest field 'sequence' is not an integer");
        assertThatThrownBy(() -> ManifestCodec.decode(
                golden.replace("\"config.db\"", "\"../../etc/passwd\"").getBytes(), 100))
                .hasMessageStartingWith("manifest is invalid: Invalid entry name '../../etc/passwd'");
        assertThatThrownBy(() -> ManifestCodec.decode(
                golden.replace("\"format\" : 1", "\"format\" : 2").getBytes(), 100))
                .hasMessage("unsupported manifest format 2");
        assertThatThrownBy(() -> ManifestCodec.decode("[1,2]".getBytes(), 100))
                .hasMessage("manifest is not a JSON object");
        assertThatThrownBy(() -> ManifestCodec.decode("{\"a\":".getBytes(), 100))
                .hasMessage("manifest is not valid JSON");
    }

    @Test
    void refusesRepeatedFieldsAndTrailingContent() throws Exception {
        String golden = Files.readString(GOLDEN);

        assertThatThrownBy(() -> ManifestCodec.decode(golden.replace("\"sequence\" : 7,",
                "\"sequence\" : 7, \"sequence\" : 8,").getBytes(), 100))
                .isInstanceOf(BundleFormatException.class)
                .hasMessage("manifest repeats a field");
        assertThatThrownBy(() -> ManifestCodec.decode((golden + "{}").getBytes(), 100))
                .hasMessage("manifest is not valid JSON");
    }

    @Test
    void neverEchoesRawInputInItsMessages() throws Exception {
        String golden = Files.readString(GOLDEN);
        String forged = "\\r\\nFORGED log line " + "x".repeat(3000);

        assertThatThrownBy(() -> ManifestCodec.decode(golden.replace("\"CHANGE\"",
                "\"" + forged + "\"").getBytes(), 100))
                .hasMessage("manifest names an unknown trigger '??FORGED log line "
                        + "x".repeat(46) + "…(3018 chars)'");
        assertThatThrownBy(() -> ManifestCodec.decode(golden.replace("\"2026-11-22T03:45:00Z\"",
                "\"" + forged + "\"").getBytes(), 100))
                .hasMessage("manifest field 'capturedAt' is not an ISO-8601 UTC instant");
        assertThatThrownBy(() -> ManifestCodec.decode(golden.replace("\"2026-11-22T03:44:00Z\"",
                "\"" + forged + "\"").getBytes(), 100))
                .hasMessage("manifest field 'modifiedAt' is not an ISO-8601 UTC instant");
        assertThatThrownBy(() -> ManifestCodec.decode(golden.replace("\"Europe/Berlin\"",
                "\"Europe/\\u001b[31mNowhere\"").getBytes(), 100))
                .hasMessage("manifest field 'timeZone' is not a time zone id known to this JDK:"
                        + " 'Europe/?[31mNowhere'");
        assertThatThrownBy(() -> ManifestCodec.decode(golden.replace("\"sqlite\"",
                "\"" + forged + "\"").getBytes(), 100))
                .hasMessageStartingWith("manifest entry names an unknown source kind '??FORGED");
    }

    @Test
    void entryNamesRefuseEscapes() {
        assertThat(EntryNames.problem("config.db")).isNull();
        assertThat(EntryNames.problem("avatars/a/b.png")).isNull();
        assertThat(EntryNames.problem("/etc/shadow")).isEqualTo("absolute path");
        assertThat(EntryNames.problem("a/../../b")).isEqualTo("empty, '.' or '..' path segment");
        assertThat(EntryNames.problem("a//b")).isEqualTo("empty, '.' or '..' path segment");
        assertThat(EntryNames.problem("a\\b")).isEqualTo("character '\\' is not allowed");
        assertThat(EntryNames.problem("a\0b")).isEqualTo("control character");
        assertThat(EntryNames.problem("manifest.json")).isEqualTo("reserved name");
        assertThat(EntryNames.problem("x".repeat(256))).isEqualTo("longer than 255 characters");
    }
}
