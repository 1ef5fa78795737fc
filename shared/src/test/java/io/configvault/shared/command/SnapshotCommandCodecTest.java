package io.configvault.shared.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SnapshotCommandCodecTest {

    private static final Path GOLDEN =
            Path.of("src/test/resources/golden/snapshot-request-v1.json");

    static SnapshotCommand goldenCommand() {
        return new SnapshotCommand(SnapshotCommand.FORMAT,
                SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab"), "demo-nas", "demo",
                "before tonight's upgrade", Instant.parse("2026-11-23T18:00:00Z"),
                Instant.parse("2026-11-23T19:00:00Z"));
    }

    @Test
    void encodesFormatOneExactlyAsTheGoldenFile() throws Exception {
        byte[] golden = Files.readAllBytes(GOLDEN);

        assertThat(new String(SnapshotCommandCodec.encode(goldenCommand()),
                StandardCharsets.UTF_8)).isEqualTo(new String(golden, StandardCharsets.UTF_8));
        assertThat(SnapshotCommandCodec.decode(golden)).isEqualTo(goldenCommand());
    }

    @Test
    void aMissingLabelIsNull() throws Exception {
        String golden = Files.readString(GOLDEN);

        assertThat(decode(golden.replace("\"before tonight's upgrade\"", "null")).label())
                .isNull();
    }

    @Test
    void rejectsAnythingButAStrictFormatOneDocument() throws Exception {
        String golden = Files.readString(GOLDEN);

        assertThatThrownBy(() -> decode(golden.replace("\"format\"", "\"extra\":1,\"format\"")))
                .isInstanceOf(SnapshotCommandFormatException.class)
                .hasMessage("snapshot request has an unknown field");
        assertThatThrownBy(() -> decode(golden.replace("\"fleet\":\"demo\",", "")))
                .hasMessage("snapshot request lacks the field 'fleet'");
        assertThatThrownBy(() -> decode(golden.replace("\"format\":1", "\"format\":2")))
                .hasMessage("unsupported snapshot request format 2");
        assertThatThrownBy(() -> decode(golden.replace("\"format\":1", "\"format\":\"1\"")))
                .hasMessage("snapshot request field 'format' is not an integer");
        assertThatThrownBy(() -> decode(golden.replace("\"demo-nas\"", "\"../nas\"")))
                .hasMessageStartingWith("snapshot request is invalid: Invalid appliance id");
        assertThatThrownBy(() -> decode(golden.replace("before tonight's upgrade", " ")))
                .hasMessage("snapshot request is invalid: Invalid label: the label is blank");
        assertThatThrownBy(() -> decode(golden.replace("19:00:00Z", "17:00:00Z")))
                .hasMessage("snapshot request is invalid: A snapshot request expires after it"
                        + " is issued");
        assertThatThrownBy(() -> decode(golden.replace("2026-11-23T19:00:00Z", "tomorrow")))
                .hasMessage("snapshot request field 'expiresAt' is not an ISO-8601 UTC instant");
        assertThatThrownBy(() -> decode(golden.replace("\"demo-nas\"", "7")))
                .hasMessage("snapshot request field 'applianceId' is not a string");
        assertThatThrownBy(() -> decode("[1]"))
                .hasMessage("snapshot request is not a JSON object");
        assertThatThrownBy(() -> decode("{\"format\":"))
                .hasMessage("snapshot request is not valid JSON");
        assertThatThrownBy(() -> decode(golden.strip() + " {}"))
                .hasMessage("snapshot request is not valid JSON");
        assertThatThrownBy(() -> decode(golden.replace("{\"format\":1,",
                "{\"format\":1,\"format\":1,")))
                .hasMessage("snapshot request repeats a field");
        assertThatThrownBy(() -> decode(golden.replace("before tonight's upgrade",
                "x".repeat(SnapshotCommandCodec.MAX_BYTES))))
                .hasMessage("snapshot request larger than 4096 bytes");
    }

    private static SnapshotCommand decode(String json) throws SnapshotCommandFormatException {
        return SnapshotCommandCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
