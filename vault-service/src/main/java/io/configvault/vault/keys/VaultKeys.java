package io.configvault.vault.keys;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The keys the vault works with. Immutable and thread-safe.
 *
 * <p>Storage keys rotate: {@link #storage()} is the current key, which encrypts and signs every
 * new object; {@link #previousStorage()} are the keys that did so before and are kept only to
 * read the objects they wrote. Which key wrote an object is recorded with it (catalog column
 * {@code storage_key}, object metadata {@code cv-storage-key}), so a read picks exactly that key
 * with {@link #storageKey(String)}; nothing is re-encrypted when the current key changes.
 *
 * @param ingest          decrypts sealed snapshots from appliances
 * @param storage         the current storage key: encrypts (and signs) snapshots at rest
 * @param previousStorage earlier storage keys, still decrypting (and verifying) what they wrote
 * @param escrow          additional recipients of every stored snapshot
 */
public record VaultKeys(PgpSecretKey ingest, PgpSecretKey storage,
                        List<PgpSecretKey> previousStorage, List<PgpPublicKey> escrow) {

    /** An object is encrypted to at most 16 keys (the OpenPGP profile): storage + 15 escrow. */
    public static final int MAX_ESCROW_KEYS = 15;

    /**
     * @throws IllegalArgumentException when a storage key appears twice (as current and previous,
     *                                  or twice among the previous) or there are more escrow
     *                                  keys than {@link #MAX_ESCROW_KEYS}
     */
    public VaultKeys {
        previousStorage = List.copyOf(previousStorage);
        escrow = List.copyOf(escrow);
        Set<String> seen = new LinkedHashSet<>();
        seen.add(storage.fingerprint());
        for (PgpSecretKey previous : previousStorage) {
            if (!seen.add(previous.fingerprint())) {
                throw new IllegalArgumentException("Cannot use storage key "
                        + previous.fingerprint() + " as a previous storage key: it is configured"
                        + (previous.fingerprint().equals(storage.fingerprint())
                        ? " as the current storage key (vault.keys.storage-secret-key-file)"
                        : " twice in vault.keys.previous-storage-secret-key-files"));
            }
        }
        Set<String> escrowFingerprints = new LinkedHashSet<>();
        escrow.forEach(key -> escrowFingerprints.add(key.fingerprint()));
        escrowFingerprints.remove(storage.fingerprint());
        if (escrowFingerprints.size() > MAX_ESCROW_KEYS) {
            throw new IllegalArgumentException("Cannot use " + escrowFingerprints.size()
                    + " escrow keys: an object can be encrypted to at most " + MAX_ESCROW_KEYS
                    + " besides the storage key; shorten vault.keys.escrow-public-key-files");
        }
    }

    /** Keys without rotation history: {@code storage} is the only storage key. */
    public VaultKeys(PgpSecretKey ingest, PgpSecretKey storage, List<PgpPublicKey> escrow) {
        this(ingest, storage, List.of(), escrow);
    }

    /** Recipients of an object at rest: the current storage key first, then every escrow key. */
    public List<PgpPublicKey> atRestRecipients() {
        List<PgpPublicKey> recipients = new ArrayList<>();
        recipients.add(storage.publicKey());
        recipients.addAll(escrow);
        return recipients;
    }

    /** The storage key (current or previous) with this primary key fingerprint. */
    public Optional<PgpSecretKey> storageKey(String fingerprint) {
        if (storage.fingerprint().equalsIgnoreCase(fingerprint)) {
            return Optional.of(storage);
        }
        return previousStorage.stream()
                .filter(key -> key.fingerprint().equalsIgnoreCase(fingerprint))
                .findFirst();
    }

    /** Fingerprints of every storage key that can read objects, the current one first. */
    public List<String> storageFingerprints() {
        List<String> fingerprints = new ArrayList<>();
        fingerprints.add(storage.fingerprint());
        previousStorage.forEach(key -> fingerprints.add(key.fingerprint()));
        return fingerprints;
    }
}
