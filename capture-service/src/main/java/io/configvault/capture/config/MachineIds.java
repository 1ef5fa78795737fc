package io.configvault.capture.config;

import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An appliance id derived from the machine id ({@code /etc/machine-id}, systemd's 128-bit random
 * id, set once at installation): {@code m-} followed by the first 16 hex digits of the SHA-256
 * of the machine id. Stable for the life of the installation; the machine id itself never leaves
 * the appliance (systemd asks applications not to expose it).
 */
public final class MachineIds {

    public static final String DEFAULT_FILE = "/etc/machine-id";
    private static final Pattern MACHINE_ID = Pattern.compile("[0-9a-f]{32}");

    private MachineIds() {
    }

    /**
     * @throws InvalidConfigurationException naming {@code capture.appliance-id} when the file is
     *                                       missing, unreadable or holds no machine id
     */
    public static String applianceId(Path machineIdFile) {
        String content;
        try {
            if (Files.size(machineIdFile) > 1024) {
                throw unusable(machineIdFile, "it is not a machine id");
            }
            content = Files.readString(machineIdFile, StandardCharsets.US_ASCII)
                    .strip().toLowerCase(Locale.ROOT);
        } catch (NoSuchFileException e) {
            throw unusable(machineIdFile, "it does not exist");
        } catch (IOException e) {
            throw unusable(machineIdFile, "it cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
        if (!MACHINE_ID.matcher(content).matches()) {
            // e.g. "uninitialized" early in the first boot, or an empty file in an image template
            throw unusable(machineIdFile, "it does not hold a machine id (32 hex digits)");
        }
        return "m-" + Sha256.of(content.getBytes(StandardCharsets.US_ASCII)).substring(0, 16);
    }

    private static InvalidConfigurationException unusable(Path file, String why) {
        return new InvalidConfigurationException("the appliance id is not set and cannot be"
                + " derived from the machine id file " + file + ": " + why,
                "capture.appliance-id");
    }
}
