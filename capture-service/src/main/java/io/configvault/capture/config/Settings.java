package io.configvault.capture.config;

import java.nio.file.Path;
import java.time.Duration;

/** Checks shared by the configuration records. */
final class Settings {

    private Settings() {
    }

    static String required(String value, String what, String setting) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigurationException(what + " is not set", setting);
        }
        return value.strip();
    }

    static Path path(String value, String what, String setting) {
        try {
            return Path.of(required(value, what, setting)).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidConfigurationException(what + " is not a valid path", setting, e);
        }
    }

    static Duration positive(Duration value, String what, String setting) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new InvalidConfigurationException(what + " must be a positive duration",
                    setting);
        }
        return value;
    }
}
