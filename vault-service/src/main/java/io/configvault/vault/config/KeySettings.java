package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code vault.keys.*}: the vault's OpenPGP keys. Every secret key must be protected by the
 * one passphrase; a key stored without a passphrase stops startup.
 *
 * @param ingestSecretKeyFile               armored secret key that appliances encrypt snapshots
 *                                          to
 * @param storageSecretKeyFile              armored secret key of the current storage key: new
 *                                          snapshots are encrypted to it at rest and signed by it
 * @param previousStorageSecretKeyFiles     armored secret keys of earlier storage keys, kept to
 *                                          decrypt (and verify) the snapshots they stored; none
 *                                          by default. Removing one makes its snapshots
 *                                          unreadable by the vault (escrow still recovers them)
 * @param passphraseFile                    file holding the passphrase of every secret key; when
 *                                          absent the environment variable
 *                                          {@code VAULT_KEY_PASSPHRASE} is used
 * @param escrowPublicKeyFiles              armored public keys every stored snapshot is also
 *                                          encrypted to, so their holders can recover with stock
 *                                          {@code gpg} (at most 15)
 */
@ConfigurationProperties("vault.keys")
public record KeySettings(
        @NotNull Path ingestSecretKeyFile,
        @NotNull Path storageSecretKeyFile,
        @Nullable List<Path> previousStorageSecretKeyFiles,
        @Nullable Path passphraseFile,
        @Nullable List<Path> escrowPublicKeyFiles) {

    /** The previous storage key files, empty when none are configured. */
    public List<Path> previousStorageKeyFiles() {
        return previousStorageSecretKeyFiles == null ? List.of()
                : List.copyOf(previousStorageSecretKeyFiles);
    }

    /** The escrow key files, empty when none are configured. */
    public List<Path> escrowKeyFiles() {
        return escrowPublicKeyFiles == null ? List.of() : List.copyOf(escrowPublicKeyFiles);
    }
}
