package io.configvault.capture.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the agent finds its keys. Only paths live here: the key material and the passphrase are
 * read by {@code capture.snapshot.ApplianceKeysFactory} and never logged.
 *
 * @param signingKeyFile      {@code capture.keys.signing-key-file}, required: the appliance's
 *                            armored OpenPGP secret key, which signs every snapshot
 * @param passphraseFile      {@code capture.keys.passphrase-file}: a file holding the secret
 *                            key's passphrase; when unset, the environment variable
 *                            {@code CAPTURE_KEY_PASSPHRASE} must hold it
 * @param ingestPublicKeyFile {@code capture.keys.ingest-public-key-file}, required: the vault's
 *                            armored ingest public key, which every snapshot is encrypted to
 */
@ConfigurationProperties("capture.keys")
public record KeyProperties(@Nullable String signingKeyFile,
                            @Nullable String passphraseFile,
                            @Nullable String ingestPublicKeyFile) {

    public static final String SIGNING_KEY_FILE = "capture.keys.signing-key-file";
    public static final String PASSPHRASE_FILE = "capture.keys.passphrase-file";
    public static final String INGEST_PUBLIC_KEY_FILE = "capture.keys.ingest-public-key-file";

    public KeyProperties {
        Settings.path(signingKeyFile, "the appliance signing key file", SIGNING_KEY_FILE);
        Settings.path(ingestPublicKeyFile, "the vault ingest public key file",
                INGEST_PUBLIC_KEY_FILE);
        if (passphraseFile != null && !passphraseFile.isBlank()) {
            Settings.path(passphraseFile, "the passphrase file", PASSPHRASE_FILE);
        }
    }

    public Path signingKeyPath() {
        return Settings.path(signingKeyFile, "the appliance signing key file", SIGNING_KEY_FILE);
    }

    public Path ingestPublicKeyPath() {
        return Settings.path(ingestPublicKeyFile, "the vault ingest public key file",
                INGEST_PUBLIC_KEY_FILE);
    }

    public Optional<Path> passphrasePath() {
        return passphraseFile == null || passphraseFile.isBlank() ? Optional.empty()
                : Optional.of(Settings.path(passphraseFile, "the passphrase file",
                        PASSPHRASE_FILE));
    }
}
