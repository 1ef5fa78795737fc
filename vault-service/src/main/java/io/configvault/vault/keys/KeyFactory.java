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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@link VaultKeys} from the files named in {@link KeySettings} and fails startup with a
 * message naming the file and the setting: unreadable files, keys that are not OpenPGP keys,
 * secret keys stored without a passphrase, a wrong passphrase, a storage key configured twice,
 * keys that cannot do their job ({@link KeyProbe}). Messages never contain the passphrase.
 */
@Factory
final class KeyFactory {

    static final String PASSPHRASE_ENV = "VAULT_KEY_PASSPHRASE";
    static final String INGEST = "vault.keys.ingest-secret-key-file";
    static final String STORAGE = "vault.keys.storage-secret-key-file";
    static final String PREVIOUS = "vault.keys.previous-storage-secret-key-files";
    static final String PASSPHRASE_FILE = "vault.keys.passphrase-file";
    static final String ESCROW = "vault.keys.escrow-public-key-files";

    private static final Logger LOG = LoggerFactory.getLogger(KeyFactory.class);

    @Singleton
    VaultKeys vaultKeys(KeySettings settings) {
        return load(settings, System::getenv);
    }

    /** Loads and checks every key; {@code environment} looks up environment variables. */
    static VaultKeys load(KeySettings settings, UnaryOperator<String> environment) {
        char[] passphrase = passphrase(settings, environment);
        VaultKeys keys;
        try {
            PgpSecretKey ingest = secret(settings.ingestSecretKeyFile(), passphrase, INGEST);
            PgpSecretKey storage = secret(settings.storageSecretKeyFile(), passphrase, STORAGE);
            List<PgpSecretKey> previous = previous(settings, storage, passphrase);
            keys = new VaultKeys(ingest, storage, previous, escrow(settings));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cannot start vault: " + e.getMessage(), e);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        KeyProbe.check(keys);
        LOG.info("Storage key {} encrypts and signs new snapshots; previous storage keys {} still"
                        + " decrypt theirs; escrow keys {}", keys.storage().fingerprint(),
                keys.previousStorage().stream().map(PgpSecretKey::fingerprint).toList(),
                keys.escrow().stream().map(PgpPublicKey::fingerprint).toList());
        return keys;
    }

    private static List<PgpSecretKey> previous(KeySettings settings, PgpSecretKey storage,
                                               char[] passphrase) {
        Map<String, String> holders = new LinkedHashMap<>();
        holders.put(storage.fingerprint(), STORAGE + " (" + settings.storageSecretKeyFile() + ")");
        List<PgpSecretKey> previous = new ArrayList<>();
        List<Path> files = settings.previousStorageKeyFiles();
        for (int i = 0; i < files.size(); i++) {
            String setting = PREVIOUS + "[" + i + "]";
            PgpSecretKey key = secret(files.get(i), passphrase, setting);
            String holder = holders.putIfAbsent(key.fingerprint(), setting + " (" + files.get(i)
                    + ")");
            if (holder != null) {
                throw new IllegalStateException("Cannot start vault: " + setting + " ("
                        + files.get(i) + ") holds storage key " + key.fingerprint()
                        + ", which " + holder + " holds already; a previous storage key must"
                        + " differ from the current one and from the other previous ones");
            }
            previous.add(key);
        }
        return previous;
    }

    private static List<PgpPublicKey> escrow(KeySettings settings) {
        List<PgpPublicKey> escrow = new ArrayList<>();
        List<Path> files = settings.escrowKeyFiles();
        for (int i = 0; i < files.size(); i++) {
            String setting = ESCROW + "[" + i + "]";
            try {
                escrow.add(OpenPgpKeys.readPublicKey(read(files.get(i), setting)));
            } catch (OpenPgpException e) {
                throw new IllegalStateException("Cannot start vault: escrow key " + files.get(i)
                        + " (" + setting + ") is not a usable OpenPGP public key ("
                        + e.getMessage() + ")", e);
            }
        }
        return escrow;
    }

    private static PgpSecretKey secret(Path file, char[] passphrase, String setting) {
        try {
            return OpenPgpKeys.readSecretKey(read(file, setting), passphrase);
        } catch (OpenPgpException e) {
            String fix = switch (e.reason()) {
                case WRONG_PASSPHRASE -> "check the passphrase (" + PASSPHRASE_FILE
                        + " or the environment variable " + PASSPHRASE_ENV + ")";
                case UNPROTECTED_KEY -> "protect it with the vault's passphrase (gpg --passwd,"
                        + " then export it again) and replace the file";
                default -> "check " + setting;
            };
            throw new IllegalStateException("Cannot start vault: secret key " + file + " ("
                    + setting + ") cannot be used: " + e.getMessage() + "; " + fix, e);
        }
    }

    private static char[] passphrase(KeySettings settings, UnaryOperator<String> environment) {
        if (settings.passphraseFile() != null) {
            String fromFile = read(settings.passphraseFile(), PASSPHRASE_FILE).strip();
            if (fromFile.isEmpty()) {
                throw new IllegalStateException("Cannot start vault: the passphrase file "
                        + settings.passphraseFile() + " (" + PASSPHRASE_FILE + ") is empty");
            }
            return fromFile.toCharArray();
        }
        String fromEnv = environment.apply(PASSPHRASE_ENV);
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new IllegalStateException("Cannot start vault: no key passphrase; set "
                    + PASSPHRASE_FILE + " or the environment variable " + PASSPHRASE_ENV);
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
