package io.configvault.shared.crypto;

import java.util.Objects;

/**
 * A key or message that this layer refuses, with the {@link Reason}. Permanent: the same bytes
 * (or the same key and passphrase) fail the same way every time, so a caller quarantines the
 * input rather than retrying it. Failures of the caller's own streams (disk full, connection
 * reset) are never turned into this exception; they surface as plain {@link java.io.IOException}
 * and are worth retrying.
 *
 * <p>Messages follow "Cannot decrypt snapshot: reason" and name keys only by public identifiers
 * (fingerprints, key ids). They never contain plaintext, session keys, private keys or
 * passphrases; the cause, when present, is a Bouncy Castle exception kept for diagnosis.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class OpenPgpException extends Exception {

    /** Why a key or message was refused. */
    public enum Reason {
        /** Not a well-formed OpenPGP message or key, truncated, or bytes after its end. */
        MALFORMED,
        /** Encrypted without the modification detection code (old SED packet). */
        NO_INTEGRITY_PROTECTION,
        /** The MDC does not match, or the session key packet addressed to us does not decrypt. */
        INTEGRITY_CHECK_FAILED,
        /** An algorithm or packet version outside the profile (e.g. CAST5, SHA-1, AEAD). */
        WEAK_OR_UNKNOWN_ALGORITHM,
        /** More public-key session key packets than the limit allows. */
        TOO_MANY_RECIPIENTS,
        /** None of the given secret keys is a recipient of the message. */
        NO_MATCHING_DECRYPTION_KEY,
        /** The message carries no one-pass signature. */
        UNSIGNED,
        /** The message is signed, but not by the required signer. */
        WRONG_SIGNER,
        /** The signature does not verify, or does not match its one-pass header. */
        BAD_SIGNATURE,
        /** The message contains a compressed data packet. */
        COMPRESSED_NOT_ALLOWED,
        /** The plaintext exceeds the limit. */
        TOO_LARGE,
        /** The message can be decrypted with a password (symmetric-key session key packet). */
        SYMMETRIC_PASSWORD_PACKET,
        /** The passphrase does not unlock the secret key. */
        WRONG_PASSPHRASE,
        /**
         * A secret key that is not protected by a passphrase (S2K usage 0): secret keys must rest
         * encrypted, so an unprotected one is refused whatever passphrase is given.
         */
        UNPROTECTED_KEY,
        /**
         * The key cannot be used for this operation: no valid self-signature, revoked, an
         * algorithm outside the profile, or no usable signing or encryption (sub)key.
         */
        UNUSABLE_KEY
    }

    private final Reason reason;

    OpenPgpException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    OpenPgpException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
