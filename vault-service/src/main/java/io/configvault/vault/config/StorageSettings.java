package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * {@code vault.*} local state and limits.
 *
 * @param catalogPath      the SQLite catalog file
 * @param spoolDir         where segments are reassembled and snapshots decrypted; must have room
 *                         for a few snapshots at {@code maxSnapshotBytes}
 * @param maxSnapshotBytes largest sealed snapshot accepted (default 1 GiB); larger is quarantined
 */
@ConfigurationProperties("vault")
public record StorageSettings(
        @NotNull Path catalogPath,
        @NotNull Path spoolDir,
        @Bindable(defaultValue = "1073741824") @Min(1024) long maxSnapshotBytes) {
}
