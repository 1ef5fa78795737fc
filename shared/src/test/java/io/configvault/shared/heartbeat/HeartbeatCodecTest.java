package io.configvault.shared.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeartbeatCodecTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/heartbeat-v1.json");

    static Heartbeat goldenHeartbeat() {
        return new Heartbeat(Heartbeat.FORMAT, "demo-nas", "demo",
                SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab"),
                Instant.parse("2026-11-23T03:45:12Z"), Trigger.SCHEDULE,
                SnapshotId.parse("01936f4e-8a00-7abc-8def-0123456789ab"),
                "2eee4c5f31cbf5dc9fce47ef2f3d4aaac2ec0d01e2c0733d70e4318f35d7af3c", "0.1.0");
    }

    @Test
    void encodesFormatOneExactlyAsTheGoldenFile() throws Exception {
        byte[] golden = Files.readAllBytes(GOLDEN);

        assertThat(new String(HeartbeatCodec.encode(goldenHeartbeat()), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden, StandardCharsets.UTF_8));
        assertThat(HeartbeatCodec.decode(golden)).isEqualTo(goldenHeartbeat());
    }

    @Test
    void rejectsAnythingButAStrictFormatOneDocument() throws Exception {
        String golden = Files.readString(GOLDEN);

        assertThatThrownBy(() -> decode(golden.replace("\"format\"", "\"extra\":1,\"format\"")))
                .isInstanceOf(HeartbeatFormatException.class)
                .hasMessage("heartbeat has an unknown field");
        assertThatThrownBy(() -> decode(golden.replace("\"fleet\":\"demo\",", "")))
                .hasMessage("heartbeat lacks the field 'fleet'");
        assertThatThrownBy(() -> decode(golden.replace("\"format\":1", "\"format\":2")))
                .hasMessage("unsupported heartbeat format 2");
        assertThatThrownBy(() -> decode(golden.replace("\"format\":1", "\"format\":\"1\"")))
                .hasMessage("heartbeat field 'format' is not an integer");
        assertThatThrownBy(() -> decode(golden.replace("\"SCHEDULE\"", "\"REBOOT\"")))
                .hasMessage("heartbeat names an unknown trigger");
        assertThatThrownBy(() -> decode(golden.replace("\"demo-nas\"", "\"../nas\"")))
                .hasMessageStartingWith("heartbeat is invalid: Invalid appliance id '../nas'");
        assertThatThrownBy(() -> decode(golden.replace("\"2eee4c5f", "\"2EEE4C5F")))
                .hasMessage("heartbeat is invalid: A heartbeat needs the lower-case hex content"
                        + " digest");
        assertThatThrownBy(() -> decode(golden.replace("2026-11-23T03:45:12Z", "yesterday")))
                .hasMessage("heartbeat field 'at' is not an ISO-8601 UTC instant");
        assertThatThrownBy(() -> decode("[1]"))
                .hasMessage("heartbeat is not a JSON object");
        assertThatThrownBy(() -> decode("{\"format\":"))
                .hasMessage("heartbeat is not valid JSON");
        assertThatThrownBy(() -> HeartbeatCodec.decode(new byte[HeartbeatCodec.MAX_BYTES + 1]))
                .hasMessage("heartbeat larger than 4096 bytes");
    }

    private static Heartbeat decode(String json) throws HeartbeatFormatException {
        return HeartbeatCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
