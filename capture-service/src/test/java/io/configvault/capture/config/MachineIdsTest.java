package io.configvault.capture.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.Identifiers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineIdsTest {

    static final String MACHINE_ID = "4b1c6d2e8f0a4c3b9d7e6f5a4b3c2d1e";

    @TempDir
    Path dir;

    @Test
    void theIdIsMAndTheFirst16HexDigitsOfTheMachineIdsSha256() throws Exception {
        Path file = Files.writeString(dir.resolve("machine-id"), MACHINE_ID + "\n");

        String id = MachineIds.applianceId(file);

        assertThat(id).isEqualTo("m-" + Sha256.of(MACHINE_ID.getBytes(StandardCharsets.US_ASCII))
                .substring(0, 16)).doesNotContain(MACHINE_ID.substring(0, 8));
        assertThat(Identifiers.isName(id)).as("a valid appliance id").isTrue();
        Files.writeString(file, MACHINE_ID.toUpperCase());
        assertThat(MachineIds.applianceId(file)).as("case does not matter").isEqualTo(id);
    }

    @Test
    void aMissingOrUninitialisedMachineIdIsAClearStartupError() throws Exception {
        assertThatThrownBy(() -> MachineIds.applianceId(dir.resolve("none")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the appliance id is not set and cannot be"
                        + " derived from the machine id file " + dir.resolve("none")
                        + ": it does not exist (capture.appliance-id)");
        Path early = Files.writeString(dir.resolve("machine-id"), "uninitialized\n");
        assertThatThrownBy(() -> MachineIds.applianceId(early))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the appliance id is not set and cannot be"
                        + " derived from the machine id file " + early
                        + ": it does not hold a machine id (32 hex digits) (capture.appliance-id)");
    }

    @Test
    void aConfiguredIdWinsAndWithoutOneTheMachineIdIsUsed() throws Exception {
        Path file = Files.writeString(dir.resolve("machine-id"), MACHINE_ID + "\n");

        assertThat(new CaptureProperties("nas-17", "lab", null, dir.toString(), 1,
                dir.resolve("none").toString()).applianceId()).isEqualTo("nas-17");
        assertThat(new CaptureProperties(" ", "lab", null, dir.toString(), 1, file.toString())
                .applianceId()).isEqualTo(MachineIds.applianceId(file));
    }
}
