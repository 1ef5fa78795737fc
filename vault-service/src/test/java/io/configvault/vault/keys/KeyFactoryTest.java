package io.configvault.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.configvault.vault.config.KeySettings;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.configvault.vault.testing.UnusualKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the vault's keys from configuration, and every way startup refuses them. */
class KeyFactoryTest {

    /** The passphrase of every key {@link Keys#generate} makes. */
    static final String PASSPHRASE = "test-passphrase";

    static Keys ingest;
    static Keys storageA;
    static Keys storageB;
    static Keys storageC;
    static Keys escrow;

    @TempDir
    Path dir;

    Path passphraseFile;

    @BeforeAll
    static void keys() {
        ingest = Keys.generate("ingest");
        storageA = Keys.generate("storage-a");
        storageB = Keys.generate("storage-b");
        storageC = Keys.generate("storage-c");
        escrow = Keys.generate("escrow");
    }

    @BeforeEach
    void files() throws Exception {
        passphraseFile = Files.writeString(dir.resolve("passphrase"), PASSPHRASE + "\n");
        secret("ingest", ingest);
        secret("a", storageA);
        secret("b", storageB);
        secret("c", storageC);
        Files.writeString(dir.resolve("escrow.pub.asc"), escrow.generated().armoredPublicKey());
    }

    @Test
    void loadsTheCurrentAndPreviousStorageKeysAndTheEscrowKeys() {
        VaultKeys keys = load(settings("b", List.of("a", "c"), passphraseFile));

        assertThat(keys.storage().fingerprint()).isEqualTo(storageB.publicKey().fingerprint());
        assertThat(keys.storageFingerprints()).containsExactly(fingerprint(storageB),
                fingerprint(storageA), fingerprint(storageC));
        assertThat(keys.storageKey(fingerprint(storageA))).hasValueSatisfying(
                key -> assertThat(key.fingerprint()).isEqualTo(fingerprint(storageA)));
        assertThat(keys.atRestRecipients()).extracting(k -> k.fingerprint())
                .containsExactly(fingerprint(storageB), fingerprint(escrow));
        assertThat(keys.ingest().fingerprint()).isEqualTo(fingerprint(ingest));
    }

    @Test
    void takesThePassphraseFromTheEnvironmentWhenNoFileIsConfigured() {
        VaultKeys keys = KeyFactory.load(settings("a", List.of(), null),
                Map.of(KeyFactory.PASSPHRASE_ENV, PASSPHRASE)::get);

        assertThat(keys.storage().fingerprint()).isEqualTo(fingerprint(storageA));
        assertRefused(() -> KeyFactory.load(settings("a", List.of(), null), name -> null),
                "Cannot start vault: no key passphrase; set vault.keys.passphrase-file or the"
                        + " environment variable VAULT_KEY_PASSPHRASE");
    }

    @Test
    void refusesAPreviousKeyEqualToTheCurrentOne() {
        assertRefused(() -> load(settings("a", List.of("b", "a"), passphraseFile)),
                "Cannot start vault: vault.keys.previous-storage-secret-key-files[1] ("
                        + dir.resolve("a.asc") + ") holds storage key " + fingerprint(storageA)
                        + ", which vault.keys.storage-secret-key-file (" + dir.resolve("a.asc")
                        + ") holds already; a previous storage key must differ from the current"
                        + " one and from the other previous ones");
    }

    @Test
    void refusesTheSamePreviousKeyTwiceEvenFromAnotherFile() throws Exception {
        Files.copy(dir.resolve("c.asc"), dir.resolve("c-copy.asc"));

        assertRefused(() -> load(settings("a", List.of("c", "c-copy"), passphraseFile)),
                "previous-storage-secret-key-files[1] (" + dir.resolve("c-copy.asc")
                        + ") holds storage key " + fingerprint(storageC)
                        + ", which vault.keys.previous-storage-secret-key-files[0] ("
                        + dir.resolve("c.asc") + ") holds already");
    }

    @Test
    void refusesASecretKeyStoredWithoutPassphrase() throws Exception {
        Files.writeString(dir.resolve("bare.asc"), UnusualKeys.unprotectedSecretKey(storageC));

        assertRefused(() -> load(settings("a", List.of("bare"), passphraseFile)),
                "Cannot start vault: secret key " + dir.resolve("bare.asc")
                        + " (vault.keys.previous-storage-secret-key-files[0]) cannot be used:"
                        + " Cannot use secret key " + fingerprint(storageC) + ": it is not"
                        + " protected by a passphrase; secret keys must rest encrypted; protect it"
                        + " with the vault's passphrase (gpg --passwd, then export it again) and"
                        + " replace the file");
    }

    @Test
    void aWrongPassphraseNamesTheKeyAndWhereThePassphraseComesFrom() throws Exception {
        Files.writeString(passphraseFile, "not-the-passphrase");

        assertRefused(() -> load(settings("a", List.of(), passphraseFile)),
                "Cannot start vault: secret key " + dir.resolve("ingest.asc")
                        + " (vault.keys.ingest-secret-key-file) cannot be used: Cannot unlock"
                        + " secret key " + fingerprint(ingest) + ": wrong passphrase; check the"
                        + " passphrase (vault.keys.passphrase-file or the environment variable"
                        + " VAULT_KEY_PASSPHRASE)");
    }

    @Test
    void refusesAnEmptyPassphraseFileAndMissingKeyFiles() throws Exception {
        Files.writeString(passphraseFile, " \n");
        assertRefused(() -> load(settings("a", List.of(), passphraseFile)),
                "Cannot start vault: the passphrase file " + passphraseFile
                        + " (vault.keys.passphrase-file) is empty");

        Files.writeString(passphraseFile, PASSPHRASE);
        assertRefused(() -> load(settings("a", List.of("gone"), passphraseFile)),
                "Cannot start vault: cannot read " + dir.resolve("gone.asc")
                        + " (vault.keys.previous-storage-secret-key-files[0]): NoSuchFileException");
        assertRefused(() -> load(settings("gone", List.of(), passphraseFile)),
                "(vault.keys.storage-secret-key-file): NoSuchFileException");
    }

    @Test
    void anEscrowKeyThatCannotBeEncryptedToStopsStartup() throws Exception {
        Files.writeString(dir.resolve("escrow.pub.asc"),
                UnusualKeys.certificateWithoutEncryptionSubkey(escrow));

        assertRefused(() -> load(settings("a", List.of(), passphraseFile)),
                "Cannot start vault: the current storage key " + fingerprint(storageA)
                        + " (vault.keys.storage-secret-key-file) cannot sign, or the storage or"
                        + " an escrow key (vault.keys.escrow-public-key-files) cannot be encrypted"
                        + " to (Cannot use key " + fingerprint(escrow) + " as a recipient: it has"
                        + " no valid encryption subkey)");
    }

    @Test
    void anEscrowFileHoldingASecretKeyIsRefused() throws Exception {
        Files.writeString(dir.resolve("escrow.pub.asc"), escrow.generated().armoredSecretKey());

        assertRefused(() -> load(settings("a", List.of(), passphraseFile)),
                "Cannot start vault: escrow key " + dir.resolve("escrow.pub.asc")
                        + " (vault.keys.escrow-public-key-files[0]) is not a usable OpenPGP public"
                        + " key (Cannot read public key: expected a public key, found a secret"
                        + " key)");
    }

    @Test
    void noRefusalEverContainsThePassphrase() throws Exception {
        String canary = "canary-PASSPHRASE-0451";
        Files.writeString(dir.resolve("bare.asc"), UnusualKeys.unprotectedSecretKey(storageC));
        Files.writeString(dir.resolve("wrong-passphrase"), canary);
        Files.writeString(dir.resolve("garbage.asc"), canary + " is not a key");
        UnaryOperator<String> environment = Map.of(KeyFactory.PASSPHRASE_ENV, canary)::get;

        List<KeySettings> broken = List.of(
                settings("a", List.of(), null),
                settings("a", List.of("bare"), null),
                settings("a", List.of("garbage"), null),
                settings("a", List.of("gone"), null),
                settings("a", List.of(), dir.resolve("wrong-passphrase")),
                settings("garbage", List.of(), dir.resolve("wrong-passphrase")));
        for (KeySettings settings : broken) {
            Throwable refused = catchThrowable(() -> KeyFactory.load(settings, environment));
            assertThat(refused).as(settings.toString()).isInstanceOf(IllegalStateException.class);
            for (Throwable t = refused; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as(settings.toString())
                        .doesNotContain(canary);
                assertThat(t.toString()).doesNotContain(canary);
            }
        }
    }

    private VaultKeys load(KeySettings settings) {
        return KeyFactory.load(settings, name -> null);
    }

    private KeySettings settings(String storage, List<String> previous, Path passphrase) {
        return new KeySettings(dir.resolve("ingest.asc"), dir.resolve(storage + ".asc"),
                previous.stream().map(name -> dir.resolve(name + ".asc")).toList(), passphrase,
                List.of(dir.resolve("escrow.pub.asc")));
    }

    private void secret(String name, Keys key) throws Exception {
        Files.writeString(dir.resolve(name + ".asc"), key.generated().armoredSecretKey());
    }

    private static String fingerprint(Keys key) {
        return key.publicKey().fingerprint();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
                                      String messagePart) {
        assertThatThrownBy(call).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(messagePart);
    }
}
