package io.configvault.vault.keys;

import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.vault.config.KeySettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Loads {@link VaultKeys} from the files named in {@link KeySettings}; fails startup clearly. */
@Factory
final class KeyFactory {

    static final String PASSPHRASE_ENV = "VAULT_KEY_PASSPHRASE";

    @Singleton
    VaultKeys vaultKeys(KeySettings settings) {
        char[] passphrase = passphrase(settings);
        PgpSecretKey ingest = secret(settings.ingestSecretKeyFile(), passphrase,
                "vault.keys.ingest-secret-key-file");
        PgpSecretKey storage = secret(settings.storageSecretKeyFile(), passphrase,
                "vault.keys.storage-secret-key-file");
        java.util.Arrays.fill(passphrase, '\0');
        List<PgpPublicKey> escrow = new ArrayList<>();
        if (settings.escrowPublicKeyFiles() != null) {
            for (Path file : settings.escrowPublicKeyFiles()) {
                try {
                    escrow.add(OpenPgpKeys.readPublicKey(read(file,
                            "vault.keys.escrow-public-key-files")));
                } catch (OpenPgpException e) {
                    throw new IllegalStateException("Cannot start vault: escrow key " + file
                            + " is not an OpenPGP public key (" + e.getMessage() + ")", e);
                }
            }
        }
        return new VaultKeys(ingest, storage, escrow);
    }

    private static PgpSecretKey secret(Path file, char[] passphrase, String setting) {
        try {
            return OpenPgpKeys.readSecretKey(read(file, setting), passphrase);
        } catch (OpenPgpException e) {
            throw new IllegalStateException("Cannot start vault: secret key " + file
                    + " cannot be used (" + e.getMessage() + "); check " + setting
                    + " and the passphrase", e);
        }
    }

    private static char[] passphrase(KeySettings settings) {
        if (settings.passphraseFile() != null) {
            return read(settings.passphraseFile(), "vault.keys.passphrase-file").strip()
                    .toCharArray();
        }
        String fromEnv = System.getenv(PASSPHRASE_ENV);
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new IllegalStateException("Cannot start vault: no key passphrase; set "
                    + "vault.keys.passphrase-file or the environment variable " + PASSPHRASE_ENV);
        }
        return fromEnv.toCharArray();
    }

    private static String read(Path file, String setting) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start vault: cannot read " + file + " ("
                    + setting + "): " + e.getClass().getSimpleName(), e);
        }
    }
}
