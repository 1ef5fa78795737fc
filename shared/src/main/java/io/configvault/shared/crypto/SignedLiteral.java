package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.BAD_SIGNATURE;
import static io.configvault.shared.crypto.OpenPgpException.Reason.COMPRESSED_NOT_ALLOWED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.TOO_LARGE;
import static io.configvault.shared.crypto.OpenPgpException.Reason.UNSIGNED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WEAK_OR_UNKNOWN_ALGORITHM;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WRONG_SIGNER;
import static io.configvault.shared.crypto.Rejections.malformed;
import static io.configvault.shared.crypto.Rejections.reject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.OnePassSignaturePacket;
import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.bcpg.SignaturePacket;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * The inside of the encrypted data packet, which must be exactly: one one-pass signature by
 * the required signer, one literal data packet, the matching signature. The literal data is
 * copied to the sink as it is read and hashed for the signature; the signature is only checked
 * by {@link #verify()}, after the caller has checked the MDC. One instance per message; not
 * thread-safe.
 */
final class SignedLiteral {

    private static final int MAX_ONE_PASS_PACKET_BYTES = 1024;
    private static final int MAX_SIGNATURE_PACKET_BYTES = 256 * 1024;

    private final PgpPublicKey signer;
    private final PGPPublicKey signingKey;
    private final PGPOnePassSignature onePass;
    private final PGPSignature signature;
    private final long plaintextBytes;

    private SignedLiteral(PgpPublicKey signer, PGPPublicKey signingKey, PGPOnePassSignature onePass,
                          PGPSignature signature, long plaintextBytes) {
        this.signer = signer;
        this.signingKey = signingKey;
        this.onePass = onePass;
        this.signature = signature;
        this.plaintextBytes = plaintextBytes;
    }

    /** Reads the packets, writing the literal data to {@code sink}, at most {@code maxBytes}. */
    static SignedLiteral read(InputStream decrypted, OutputStream sink, PgpPublicKey signer,
                              long maxBytes) throws OpenPgpException, IOException {
        BCPGInputStream packets = new BCPGInputStream(decrypted);
        try {
            int tag = packets.nextPacketTag();
            switch (tag) {
                case PacketTags.ONE_PASS_SIGNATURE -> { }
                case PacketTags.COMPRESSED_DATA -> throw compressed();
                case PacketTags.LITERAL_DATA -> throw reject(UNSIGNED, "it is not signed");
                case PacketTags.SIGNATURE -> throw reject(UNSIGNED, "it has no one-pass signature"
                        + " (a signature before the data is not supported)");
                default -> throw unexpected(tag, "a one-pass signature");
            }
            PGPOnePassSignature onePass = new PGPOnePassSignature(
                    BoundedPackets.next(packets, MAX_ONE_PASS_PACKET_BYTES));
            PGPPublicKey signingKey = signingKey(onePass, signer);

            tag = packets.nextPacketTag();
            switch (tag) {
                case PacketTags.LITERAL_DATA -> { }
                case PacketTags.COMPRESSED_DATA -> throw compressed();
                case PacketTags.ONE_PASS_SIGNATURE -> throw malformed("it has more than one"
                        + " signature", null);
                default -> throw unexpected(tag, "literal data");
            }
            long plaintextBytes = copy(new PGPLiteralData(packets).getDataStream(), onePass, sink,
                    maxBytes);

            tag = packets.nextPacketTag();
            if (tag == -1) {
                throw reject(UNSIGNED, "the signature announced before the data is missing");
            }
            if (tag != PacketTags.SIGNATURE) {
                throw unexpected(tag, "the signature");
            }
            PGPSignature signature = new PGPSignature(
                    BoundedPackets.next(packets, MAX_SIGNATURE_PACKET_BYTES));
            tag = packets.nextPacketTag();
            if (tag != -1) {
                throw tag == PacketTags.SIGNATURE
                        ? malformed("it has more than one signature", null)
                        : unexpected(tag, "the end of the encrypted data");
            }
            return new SignedLiteral(signer, signingKey, onePass, signature, plaintextBytes);
        } catch (IOException | PGPException | RuntimeException e) {
            // BC reports some malformed packets with unchecked exceptions (e.g. an unknown
            // packet version); inside the encrypted data they are all just malformed.
            throw Rejections.parseFailure(e);
        }
    }

    /** Which of the signer's keys the one-pass header names; refuses everything else. */
    private static PGPPublicKey signingKey(PGPOnePassSignature onePass, PgpPublicKey signer)
            throws OpenPgpException, PGPException {
        if (onePass.getVersion() != OnePassSignaturePacket.VERSION_3) {
            throw reject(WEAK_OR_UNKNOWN_ALGORITHM, "it has a version " + onePass.getVersion()
                    + " one-pass signature; only version 3 is accepted");
        }
        checkHash(onePass.getHashAlgorithm());
        int type = onePass.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            throw malformed("its signature has type 0x" + Integer.toHexString(type)
                    + ", not a document signature", null);
        }
        PGPPublicKey key = signer.signingKey(onePass.getKeyID());
        if (key == null) {
            throw reject(WRONG_SIGNER, "it is signed by key id "
                    + Fingerprints.keyId(onePass.getKeyID()) + ", not by the required signer "
                    + signer.fingerprint());
        }
        if (key.getAlgorithm() != onePass.getKeyAlgorithm()) {
            throw reject(BAD_SIGNATURE, "its one-pass signature names algorithm "
                    + Profile.keyAlgorithmName(onePass.getKeyAlgorithm()) + ", but key "
                    + Fingerprints.of(key) + " is " + Profile.keyAlgorithmName(key.getAlgorithm()));
        }
        onePass.init(Jca.verifiers(), key);
        return key;
    }

    private static long copy(InputStream literal, PGPOnePassSignature onePass, OutputStream sink,
                             long maxBytes) throws OpenPgpException, IOException {
        byte[] buffer = new byte[Profile.BUFFER_BYTES];
        long total = 0;
        for (int n; (n = literal.read(buffer)) != -1; ) {
            if (n > maxBytes - total) {
                throw reject(TOO_LARGE, "its plaintext is larger than the limit of "
                        + maxBytes + " bytes");
            }
            total += n;
            onePass.update(buffer, 0, n);
            sink.write(buffer, 0, n);
        }
        return total;
    }

    long plaintextBytes() {
        return plaintextBytes;
    }

    /** Checks that the signature matches its one-pass header and verifies. */
    void verify() throws OpenPgpException {
        if (signature.getVersion() != SignaturePacket.VERSION_4) {
            throw reject(WEAK_OR_UNKNOWN_ALGORITHM, "it has a version " + signature.getVersion()
                    + " signature; only version 4 is accepted");
        }
        checkHash(signature.getHashAlgorithm());
        if (signature.getKeyID() != onePass.getKeyID()) {
            throw reject(BAD_SIGNATURE, "its signature is by key id "
                    + Fingerprints.keyId(signature.getKeyID()) + ", its one-pass header names "
                    + Fingerprints.keyId(onePass.getKeyID()));
        }
        IssuerFingerprint issuer = signature.getHashedSubPackets() == null ? null
                : signature.getHashedSubPackets().getIssuerFingerprint();
        if (issuer != null
                && !Arrays.equals(issuer.getFingerprint(), signingKey.getFingerprint())) {
            throw reject(BAD_SIGNATURE, "its signature names an issuer fingerprint other than "
                    + Fingerprints.of(signingKey));
        }
        if (signature.getHashAlgorithm() != onePass.getHashAlgorithm()
                || signature.getKeyAlgorithm() != onePass.getKeyAlgorithm()
                || signature.getSignatureType() != onePass.getSignatureType()) {
            throw reject(BAD_SIGNATURE, "its signature does not match its one-pass header");
        }
        boolean valid;
        try {
            valid = onePass.verify(signature);
        } catch (PGPException | RuntimeException e) {
            throw new OpenPgpException(BAD_SIGNATURE, "Cannot decrypt snapshot: the signature by "
                    + signer.fingerprint() + " cannot be verified", e);
        }
        if (!valid) {
            throw reject(BAD_SIGNATURE, "the signature by " + signer.fingerprint()
                    + " does not verify");
        }
    }

    private static void checkHash(int hashAlgorithm) throws OpenPgpException {
        if (!Profile.ACCEPTED_HASHES.contains(hashAlgorithm)) {
            throw reject(WEAK_OR_UNKNOWN_ALGORITHM, "its signature uses "
                    + Profile.hashName(hashAlgorithm) + "; only SHA-256, SHA-384 and SHA-512 are"
                    + " accepted");
        }
    }

    private static OpenPgpException compressed() {
        return reject(COMPRESSED_NOT_ALLOWED, "it contains compressed data; only uncompressed"
                + " messages are accepted");
    }

    private static OpenPgpException unexpected(int tag, String expected) {
        return malformed("packet with tag " + tag + " where " + expected + " was expected", null);
    }
}
