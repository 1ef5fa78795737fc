package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.TOO_LARGE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignatureGenerator;

/**
 * Small signed, <b>not encrypted</b> OpenPGP messages, for documents that carry nothing secret
 * but must come from a known signer (the vault's snapshot requests): a one-pass SHA-512
 * signature, the uncompressed literal data, the signature — the inside of what
 * {@link OpenPgpEncryptor} writes, without the envelope. {@code gpg --verify} reads them.
 *
 * <p>Reading uses the same packet rules as {@link OpenPgpDecryptor} (one one-pass-signed literal
 * packet by the one required signer, SHA-256/384/512, no compression, nothing after the
 * signature, bounded packet sizes), in memory: these documents are a few KiB. Stateless and
 * thread-safe.
 */
public final class OpenPgpSigned {

    private static final String CANNOT_DECRYPT = "Cannot decrypt snapshot: ";

    private OpenPgpSigned() {
    }

    /**
     * @param literalName name stored in the literal data packet, not secret
     * @return the binary signed message
     * @throws OpenPgpException {@code UNUSABLE_KEY} when the signer has no private signing key
     */
    public static byte[] sign(byte[] document, PgpSecretKey signer, String literalName)
            throws OpenPgpException {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(literalName, "literalName");
        ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 512);
        try {
            PGPSignatureGenerator signature =
                    OpenPgpEncryptor.signatureGenerator(signer.signingKey());
            signature.generateOnePassVersion(false).encode(out);
            try (OutputStream literal = new PGPLiteralDataGenerator().open(out,
                    PGPLiteralData.BINARY, literalName, document.length, PGPLiteralData.NOW)) {
                literal.write(document);
            }
            signature.update(document);
            signature.generate().encode(out);
        } catch (PGPException e) {
            throw new OpenPgpException(OpenPgpException.Reason.UNUSABLE_KEY, "Cannot sign: key "
                    + signer.fingerprint() + " cannot sign", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The document inside {@code message}, returned only when {@code requiredSigner}'s signature
     * over it verified.
     *
     * @param maxBytes longest accepted document; the message itself may be at most
     *                 {@code maxBytes} + 64 KiB
     * @throws OpenPgpException the message is refused; its reason says why, its message starts
     *                          with "Cannot verify signed message: "
     */
    public static byte[] verify(byte[] message, PgpPublicKey requiredSigner, int maxBytes)
            throws OpenPgpException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requiredSigner, "requiredSigner");
        if (message.length > maxBytes + 65_536L) {
            throw new OpenPgpException(TOO_LARGE, "Cannot verify signed message: it is larger"
                    + " than " + (maxBytes + 65_536L) + " bytes");
        }
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        try {
            SignedLiteral content = SignedLiteral.read(new ByteArrayInputStream(message),
                    document, requiredSigner, maxBytes);
            content.verify();
        } catch (OpenPgpException e) {
            throw reworded(e);
        } catch (IOException | RuntimeException e) {
            // Only our own byte-array streams are involved: any failure is the message's.
            throw new OpenPgpException(MALFORMED, "Cannot verify signed message: it is not a"
                    + " well-formed OpenPGP message", e);
        }
        return document.toByteArray();
    }

    /** The shared packet rules word their refusals for snapshots; these are messages. */
    private static OpenPgpException reworded(OpenPgpException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith(CANNOT_DECRYPT)) {
            message = message.substring(CANNOT_DECRYPT.length());
        }
        return new OpenPgpException(e.reason(), "Cannot verify signed message: " + message
                .replace("the encrypted data", "the message"), e.getCause());
    }
}
