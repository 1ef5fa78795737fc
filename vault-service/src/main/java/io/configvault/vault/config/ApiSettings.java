package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;

/**
 * {@code vault.api.*}.
 *
 * @param adminTokenFile file holding the admin bearer token; created with a random token and mode
 *                       0600 on first start when it does not exist
 */
@ConfigurationProperties("vault.api")
public record ApiSettings(@NotNull Path adminTokenFile) {
}
