package io.configvault.capture.seal;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KeyProperties;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the appliance's secret key and the vault's ingest key named by {@code capture.keys.*}.
 * The passphrase comes from {@code capture.keys.passphrase-file} or, when that is not set, from
 * the environment variable {@value #PASSPHRASE_ENV}; it is wiped from memory once the key is
 * unlocked and never logged.
 */
@Factory
public final class SealingKeysFactory {

    public static final String PASSPHRASE_ENV = "CAPTURE_KEY_PASSPHRASE";
    private static final Logger LOG = LoggerFactory.getLogger(SealingKeysFactory.class);
    private static final long MAX_KEY_FILE_BYTES = 1 << 20;

    @Singleton
    SealingKeys sealingKeys(KeyProperties properties) {
        SealingKeys keys = load(properties, System::getenv);
        LOG.info("Snapshots are signed by appliance key {} and encrypted to ingest key {}",
                keys.appliance().fingerprint(), keys.ingest().fingerprint());
        return keys;
    }

    /**
     * @param environment looks up environment variables (a parameter so tests can supply it)
     * @throws InvalidConfigurationException naming the setting when a key cannot be loaded
     */
    public static SealingKeys load(KeyProperties properties, UnaryOperator<String> environment) {
        PgpPublicKey ingest = readPublicKey(properties.ingestPublicKeyPath());
        char[] passphrase = passphrase(properties, environment);
        try {
            return new SealingKeys(readSecretKey(properties.signingKeyPath(), passphrase), ingest);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static PgpPublicKey readPublicKey(Path file) {
        String armored = read(file, "the vault ingest public key",
                KeyProperties.INGEST_PUBLIC_KEY_FILE);
        try {
            return OpenPgpKeys.readPublicKey(armored);
        } catch (OpenPgpException e) {
            throw new InvalidConfigurationException("the vault ingest public key in " + file
                    + " is unusable: " + e.getMessage(), KeyProperties.INGEST_PUBLIC_KEY_FILE);
        }
    }

    private static PgpSecretKey readSecretKey(Path file, char[] passphrase) {
        String armored = read(file, "the appliance signing key", KeyProperties.SIGNING_KEY_FILE);
        try {
            return OpenPgpKeys.readSecretKey(armored, passphrase);
        } catch (OpenPgpException e) {
            String setting = e.reason() == OpenPgpException.Reason.WRONG_PASSPHRASE
                    ? KeyProperties.PASSPHRASE_FILE + " / " + PASSPHRASE_ENV
                    : KeyProperties.SIGNING_KEY_FILE;
            throw new InvalidConfigurationException("the appliance signing key in " + file
                    + " is unusable: " + e.getMessage(), setting);
        }
    }

    private static char[] passphrase(KeyProperties properties, UnaryOperator<String> environment) {
        if (properties.passphrasePath().isPresent()) {
            String text = read(properties.passphrasePath().get(), "the passphrase",
                    KeyProperties.PASSPHRASE_FILE);
            // One trailing line break is what `echo secret > file` adds; it is not part of it.
            return text.replaceFirst("\\r?\\n\\z", "").toCharArray();
        }
        String value = environment.apply(PASSPHRASE_ENV);
        if (value == null || value.isEmpty()) {
            throw new InvalidConfigurationException("no passphrase for the appliance signing key;"
                    + " set a passphrase file or the environment variable " + PASSPHRASE_ENV,
                    KeyProperties.PASSPHRASE_FILE);
        }
        return value.toCharArray();
    }

    private static String read(Path file, String what, String setting) {
        try {
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new InvalidConfigurationException(what + " file " + file
                        + " is larger than " + MAX_KEY_FILE_BYTES + " bytes", setting);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidConfigurationException(what + " file " + file + " does not exist",
                    setting);
        } catch (IOException e) {
            throw new InvalidConfigurationException("cannot read " + what + " file " + file
                    + " (" + e.getClass().getSimpleName() + ")", setting, e);
        }
    }
}
