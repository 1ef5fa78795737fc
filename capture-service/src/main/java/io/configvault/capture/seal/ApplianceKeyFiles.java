package io.configvault.capture.seal;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KeyProperties;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.io.DurableFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's signing key on disk: loaded when {@code capture.keys.signing-key-file} exists,
 * generated there on first start otherwise (mode 0600, encrypted under its passphrase).
 *
 * <p>The passphrase comes from, in this order: {@code capture.keys.passphrase-file}; the
 * environment variable {@value SealingKeysFactory#PASSPHRASE_ENV}; the file next to the key named
 * {@code <key file name>.passphrase}. On first start a passphrase file that does not exist yet
 * (the configured one, or the one next to the key when neither setting nor variable is given) is
 * created with 256 random bits and mode 0600. The passphrase file is written (and synced) before
 * the key, so a crash in between only means a key is generated under it on the next start.
 */
final class ApplianceKeyFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ApplianceKeyFiles.class);
    private static final long MAX_FILE_BYTES = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApplianceKeyFiles() {
    }

    static Path defaultPassphraseFile(Path keyFile) {
        return keyFile.resolveSibling(keyFile.getFileName() + ".passphrase");
    }

    /**
     * @param userId user id of a generated key, e.g. {@code "ConfigVault appliance nas-17"}
     * @throws InvalidConfigurationException naming the setting when the key cannot be loaded or
     *                                       created
     */
    static PgpSecretKey loadOrGenerate(KeyProperties properties, String userId,
                                       UnaryOperator<String> environment) {
        Path keyFile = properties.signingKeyPath();
        boolean generate = !Files.exists(keyFile);
        char[] passphrase = passphrase(properties, environment, generate);
        try {
            if (generate) {
                generate(keyFile, userId, passphrase);
            }
            return unlock(keyFile, passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static void generate(Path keyFile, String userId, char[] passphrase) {
        OpenPgpKeys.GeneratedKey key = OpenPgpKeys.generate(userId, passphrase);
        try {
            writePrivate(keyFile, key.armoredSecretKey());
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot create the appliance signing key file "
                    + keyFile + " (" + e.getClass().getSimpleName() + ")",
                    KeyProperties.SIGNING_KEY_FILE, e);
        }
        LOG.info("Generated appliance signing key {} in {} (mode 0600)", key.fingerprint(),
                keyFile);
    }

    private static PgpSecretKey unlock(Path keyFile, char[] passphrase) {
        String armored = read(keyFile, "the appliance signing key", KeyProperties.SIGNING_KEY_FILE);
        try {
            return OpenPgpKeys.readSecretKey(armored, passphrase);
        } catch (OpenPgpException e) {
            String setting = e.reason() == OpenPgpException.Reason.WRONG_PASSPHRASE
                    ? KeyProperties.PASSPHRASE_FILE + " / " + SealingKeysFactory.PASSPHRASE_ENV
                    : KeyProperties.SIGNING_KEY_FILE;
            throw new InvalidConfigurationException("the appliance signing key in " + keyFile
                    + " is unusable: " + e.getMessage(), setting);
        }
    }

    private static char[] passphrase(KeyProperties properties, UnaryOperator<String> environment,
                                     boolean firstStart) {
        Optional<Path> configured = properties.passphrasePath();
        if (configured.isEmpty()) {
            String value = environment.apply(SealingKeysFactory.PASSPHRASE_ENV);
            if (value != null && !value.isEmpty()) {
                return value.toCharArray();
            }
        }
        Path file = configured.orElseGet(() -> defaultPassphraseFile(properties.signingKeyPath()));
        if (!Files.exists(file) && firstStart) {
            createPassphraseFile(file);
        } else if (!Files.exists(file) && configured.isEmpty()) {
            throw new InvalidConfigurationException("no passphrase for the appliance signing key;"
                    + " set a passphrase file or the environment variable "
                    + SealingKeysFactory.PASSPHRASE_ENV, KeyProperties.PASSPHRASE_FILE);
        }
        String text = read(file, "the passphrase", KeyProperties.PASSPHRASE_FILE);
        // One trailing line break is what `echo secret > file` adds; it is not part of it.
        return text.replaceFirst("\\r?\\n\\z", "").toCharArray();
    }

    private static void createPassphraseFile(Path file) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        try {
            writePrivate(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random)
                    + "\n");
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot create the passphrase file " + file
                    + " (" + e.getClass().getSimpleName() + ")", KeyProperties.PASSPHRASE_FILE, e);
        }
        LOG.info("Generated a random passphrase for the appliance signing key in {} (mode 0600)",
                file);
    }

    /**
     * Writes {@code content} to a new file that is mode 0600 from its first byte: a temporary
     * file in the same directory, synced, then renamed into place (never over an existing file).
     */
    private static void writePrivate(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            DurableFiles.fsync(temporary);
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            DurableFiles.atomicMove(temporary, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String read(Path file, String what, String setting) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidConfigurationException(what + " file " + file
                        + " is larger than " + MAX_FILE_BYTES + " bytes", setting);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException(what + " file " + file + " does not exist",
                    setting);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read " + what + " file " + file
                    + " (" + e.getClass().getSimpleName() + ")", setting, e);
        }
    }
}
