package io.configvault.vault.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VaultKeysTest {

    static Keys ingest;
    static Keys current;
    static Keys previous;
    static Keys escrow;

    @BeforeAll
    static void keys() {
        ingest = Keys.generate("ingest");
        current = Keys.generate("storage-current");
        previous = Keys.generate("storage-previous");
        escrow = Keys.generate("escrow");
    }

    @Test
    void findsStorageKeysByFingerprintInAnyCaseAndNothingElse() {
        VaultKeys keys = new VaultKeys(ingest.secret(), current.secret(),
                List.of(previous.secret()), List.of(escrow.publicKey()));

        assertThat(keys.storageKey(current.publicKey().fingerprint())).contains(current.secret());
        assertThat(keys.storageKey(previous.publicKey().fingerprint().toLowerCase()))
                .contains(previous.secret());
        assertThat(keys.storageKey(escrow.publicKey().fingerprint())).isEmpty();
        assertThat(keys.storageKey(ingest.publicKey().fingerprint())).isEmpty();
        assertThat(keys.storageKey(null)).isEmpty();
        assertThat(keys.atRestRecipients()).containsExactly(current.publicKey(),
                escrow.publicKey());
    }

    @Test
    void withoutHistoryTheCurrentKeyIsTheOnlyStorageKey() {
        VaultKeys keys = new VaultKeys(ingest.secret(), current.secret(),
                List.of(escrow.publicKey()));

        assertThat(keys.previousStorage()).isEmpty();
        assertThat(keys.storageFingerprints()).containsExactly(current.publicKey().fingerprint());
    }

    @Test
    void refusesAStorageKeyConfiguredTwice() {
        assertThatThrownBy(() -> new VaultKeys(ingest.secret(), current.secret(),
                List.of(current.secret()), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot use storage key " + current.publicKey().fingerprint()
                        + " as a previous storage key: it is configured as the current storage key"
                        + " (vault.keys.storage-secret-key-file)");
        assertThatThrownBy(() -> new VaultKeys(ingest.secret(), current.secret(),
                List.of(previous.secret(), previous.secret()), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot use storage key " + previous.publicKey().fingerprint()
                        + " as a previous storage key: it is configured twice in"
                        + " vault.keys.previous-storage-secret-key-files");
    }

    @Test
    void refusesMoreEscrowKeysThanAMessageCanCarry() {
        List<PgpPublicKey> sixteen = Collections.nCopies(16, escrow.publicKey());
        assertThat(new VaultKeys(ingest.secret(), current.secret(), sixteen).escrow())
                .as("duplicates count once").hasSize(16);

        List<PgpPublicKey> distinct = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            distinct.add(Keys.generate("escrow-" + i).publicKey());
        }
        assertThatThrownBy(() -> new VaultKeys(ingest.secret(), current.secret(), distinct))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot use 16 escrow keys: an object can be encrypted to at most 15"
                        + " besides the storage key; shorten vault.keys.escrow-public-key-files");
    }
}
