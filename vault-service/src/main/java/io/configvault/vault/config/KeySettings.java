package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code vault.keys.*}: the vault's OpenPGP keys.
 *
 * @param ingestSecretKeyFile   armored secret key that appliances encrypt snapshots to
 * @param storageSecretKeyFile  armored secret key that snapshots are encrypted to at rest (and
 *                              that signs them)
 * @param passphraseFile        file holding the passphrase of both secret keys; when absent the
 *                              environment variable {@code VAULT_KEY_PASSPHRASE} is used
 * @param escrowPublicKeyFiles  armored public keys every stored snapshot is also encrypted to, so
 *                              their holders can recover with stock {@code gpg}
 */
@ConfigurationProperties("vault.keys")
public record KeySettings(
        @NotNull Path ingestSecretKeyFile,
        @NotNull Path storageSecretKeyFile,
        @Nullable Path passphraseFile,
        @Nullable List<Path> escrowPublicKeyFiles) {
}
