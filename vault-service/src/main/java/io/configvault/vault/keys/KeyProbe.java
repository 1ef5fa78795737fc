package io.configvault.vault.keys;

import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Startup self-test of the key ring: each key does its job once, in memory, before the vault
 * consumes anything. Without it a storage key lacking a signing key, an escrow certificate
 * without an encryption subkey or a previous key without its decryption key would only show
 * at the first snapshot or the first download (every ingest retried forever, or an old
 * snapshot unreadable on the day it is needed).
 */
final class KeyProbe {

    private static final byte[] PROBE = "configvault key probe".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    private static final OpenPgpDecryptor.Limits LIMITS =
            new OpenPgpDecryptor.Limits(PROBE.length, OpenPgpDecryptor.Limits.DEFAULT.maxRecipients());

    private KeyProbe() {
    }

    /** @throws IllegalStateException naming the key and the setting that holds it */
    static void check(VaultKeys keys) {
        PgpSecretKey storage = keys.storage();
        byte[] atRest = encrypt(keys.atRestRecipients(), storage, "the current storage key "
                + storage.fingerprint() + " (" + KeyFactory.STORAGE + ") cannot sign, or the"
                + " storage or an escrow key (" + KeyFactory.ESCROW + ") cannot be encrypted to");
        decrypt(atRest, storage, storage.publicKey(), "the current storage key "
                + storage.fingerprint() + " (" + KeyFactory.STORAGE + ") cannot decrypt what it"
                + " stores");
        for (PgpSecretKey previous : keys.previousStorage()) {
            decrypt(encrypt(List.of(previous.publicKey()), storage, "previous storage key "
                            + previous.fingerprint() + " (" + KeyFactory.PREVIOUS + ") cannot be"
                            + " encrypted to"), previous, storage.publicKey(),
                    "previous storage key " + previous.fingerprint() + " ("
                            + KeyFactory.PREVIOUS + ") cannot decrypt");
        }
        PgpSecretKey ingest = keys.ingest();
        decrypt(encrypt(List.of(ingest.publicKey()), storage, "the ingest key "
                        + ingest.fingerprint() + " (" + KeyFactory.INGEST + ") cannot be encrypted"
                        + " to"), ingest, storage.publicKey(), "the ingest key "
                + ingest.fingerprint() + " (" + KeyFactory.INGEST + ") cannot decrypt");
    }

    private static byte[] encrypt(List<PgpPublicKey> recipients, PgpSecretKey signer,
                                  String failure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OpenPgpEncryptor.encrypt(new ByteArrayInputStream(PROBE), out, recipients, signer,
                    "probe");
        } catch (OpenPgpException e) {
            throw new IllegalStateException("Cannot start vault: " + failure + " ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("In-memory streams do not fail", e);
        }
        return out.toByteArray();
    }

    private static void decrypt(byte[] message, PgpSecretKey key, PgpPublicKey signer,
                                String failure) {
        try {
            OpenPgpDecryptor.decrypt(new ByteArrayInputStream(message),
                    OutputStream.nullOutputStream(), List.of(key), signer, LIMITS);
        } catch (OpenPgpException e) {
            throw new IllegalStateException("Cannot start vault: " + failure + " ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("In-memory streams do not fail", e);
        }
    }
}
