package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * {@code vault.api.*}.
 *
 * @param adminTokenFile     file holding the initial admin bearer token: on the first start
 *                           (no token in the catalog) a token of an earlier version found there
 *                           becomes the {@code admin} token, else a new one is created and
 *                           written there with mode 0600
 * @param downloadBurst      downloads, entry reads and verifications one token may make back to
 *                           back (default 10); more answer 429 with {@code Retry-After}
 * @param downloadsPerMinute the rate at which that allowance refills (default 30 a minute)
 */
@ConfigurationProperties("vault.api")
public record ApiSettings(@NotNull Path adminTokenFile,
                          @Bindable(defaultValue = "10") int downloadBurst,
                          @Bindable(defaultValue = "30") int downloadsPerMinute) {

    public ApiSettings {
        if (downloadBurst < 1) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.api.download-burst must be at least 1");
        }
        if (downloadsPerMinute < 1) {
            throw new IllegalArgumentException(
                    "Cannot start vault: vault.api.downloads-per-minute must be at least 1");
        }
    }
}
