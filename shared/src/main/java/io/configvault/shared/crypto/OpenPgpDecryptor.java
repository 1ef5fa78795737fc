package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.TOO_LARGE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;

/**
 * Decrypts and verifies a binary OpenPGP message as {@link OpenPgpEncryptor} (or
 * {@code gpg --encrypt --sign -z 0}) writes it, streaming.
 *
 * <p><strong>Contract: plaintext is written to the output as it is decrypted, before it has
 * been authenticated.</strong> The integrity check (MDC) and the signature can only be checked
 * at the end of the stream. Write the plaintext to a spool file and use it only if
 * {@link #decrypt} returns normally; on any exception, delete the spool: its content may be
 * forged, truncated or attacker-chosen.
 *
 * <p>What is refused, before any plaintext is produced where the format allows: messages
 * without integrity protection, symmetric ciphers other than AES-128/192/256, password (SKESK)
 * packets, more recipients than {@link Limits#maxRecipients()}, compressed data, unsigned
 * messages; and at the end: a failed MDC, signatures by any key other than the required signer,
 * signatures hashed with anything but SHA-256/384/512, bad signatures, plaintext over
 * {@link Limits#maxPlaintextBytes()} (as soon as it is exceeded) and any byte after the message.
 * Memory use is bounded by fixed buffers and per-packet limits, whatever the input.
 *
 * <p>Errors: {@link OpenPgpException} with a {@link OpenPgpException.Reason} for anything wrong
 * with the message (permanent: quarantine it); plain {@link IOException} only when the caller's
 * own input or output stream fails (transient: retry). Stateless and thread-safe.
 */
public final class OpenPgpDecryptor {

    /**
     * Bounds on one message.
     *
     * @param maxPlaintextBytes literal data beyond this is refused with {@code TOO_LARGE}
     * @param maxRecipients     more public-key session key packets than this are refused with
     *                          {@code TOO_MANY_RECIPIENTS}, before any is decrypted
     */
    public record Limits(long maxPlaintextBytes, int maxRecipients) {

        /**
         * 5 GiB of plaintext (above the bundle reader's default 4 GiB of entries plus tar
         * headers) and 16 recipients (the encryptor's maximum).
         */
        public static final Limits DEFAULT = new Limits(5L << 30, Profile.MAX_RECIPIENTS);

        public Limits {
            if (maxPlaintextBytes < 0 || maxRecipients < 1) {
                throw new IllegalArgumentException("Decryption limits must be positive");
            }
        }
    }

    /**
     * What was verified about a message whose plaintext may now be used.
     *
     * @param signerFingerprint    primary key fingerprint of the required signer, who signed it
     * @param plaintextBytes       size of the plaintext written
     * @param recipientFingerprint primary key fingerprint of the secret key that decrypted it
     */
    public record Decrypted(String signerFingerprint, long plaintextBytes,
                            String recipientFingerprint) {
    }

    private OpenPgpDecryptor() {
    }

    /**
     * Decrypts {@code ciphertext} (read to its end, not closed) into {@code plaintext} (flushed,
     * not closed) and returns only after the MDC and the signature have been verified. See the
     * class comment: until then, what was written to {@code plaintext} must not be trusted.
     *
     * @param decryptionKeys  secret keys to try, e.g. the current and the previous vault key
     * @param requiredSigner  the only certificate whose signature is accepted
     * @throws OpenPgpException the message is refused; its reason says why
     * @throws IOException      reading {@code ciphertext} or writing {@code plaintext} failed
     */
    public static Decrypted decrypt(InputStream ciphertext, OutputStream plaintext,
                                    List<PgpSecretKey> decryptionKeys, PgpPublicKey requiredSigner,
                                    Limits limits) throws OpenPgpException, IOException {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(requiredSigner, "requiredSigner");
        Objects.requireNonNull(limits, "limits");
        List<PgpSecretKey> keys = List.copyOf(decryptionKeys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("Cannot decrypt snapshot: no decryption keys given");
        }
        OutputStream sink = CallerStreams.guard(plaintext);
        try {
            EncryptedEnvelope envelope = EncryptedEnvelope.open(
                    CallerStreams.guard(ciphertext), limits.maxRecipients());
            EncryptedEnvelope.SessionKey sessionKey = envelope.recoverSessionKey(keys);
            InputStream decrypted = envelope.decrypt(sessionKey);
            SignedLiteral content;
            try {
                content = SignedLiteral.read(decrypted, sink, requiredSigner,
                        limits.maxPlaintextBytes());
            } catch (OpenPgpException e) {
                throw e.reason() == TOO_LARGE ? e
                        : envelope.integrityFailureOr(e, decrypted, limits.maxPlaintextBytes());
            }
            envelope.checkIntegrity();
            content.verify();
            envelope.checkNothingFollows();
            sink.flush();
            return new Decrypted(requiredSigner.fingerprint(), content.plaintextBytes(),
                    sessionKey.recipient().fingerprint());
        } catch (CallerStreams.CallerIOException e) {
            throw e.original();
        } catch (RuntimeException e) {
            // Bouncy Castle answers some malformed input with unchecked exceptions; a parser at
            // a trust boundary only throws what it declares.
            IOException callerFailure = CallerStreams.callerFailure(e);
            if (callerFailure != null) {
                throw callerFailure;
            }
            throw new OpenPgpException(MALFORMED,
                    "Cannot decrypt snapshot: it is not a well-formed OpenPGP message", e);
        }
    }
}
