package io.configvault.vault.keys;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys the vault works with. Immutable and thread-safe.
 *
 * @param ingest  decrypts sealed snapshots from appliances
 * @param storage encrypts (and signs) snapshots at rest; decrypts them for downloads
 * @param escrow  additional recipients of every stored snapshot
 */
public record VaultKeys(PgpSecretKey ingest, PgpSecretKey storage, List<PgpPublicKey> escrow) {

    public VaultKeys {
        escrow = List.copyOf(escrow);
    }

    /** Recipients of an object at rest: the storage key first, then every escrow key. */
    public List<PgpPublicKey> atRestRecipients() {
        List<PgpPublicKey> recipients = new ArrayList<>();
        recipients.add(storage.publicKey());
        recipients.addAll(escrow);
        return recipients;
    }
}
