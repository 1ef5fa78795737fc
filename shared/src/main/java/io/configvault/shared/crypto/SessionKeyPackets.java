package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.SYMMETRIC_PASSWORD_PACKET;
import static io.configvault.shared.crypto.OpenPgpException.Reason.TOO_MANY_RECIPIENTS;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WEAK_OR_UNKNOWN_ALGORITHM;
import static io.configvault.shared.crypto.Rejections.malformed;
import static io.configvault.shared.crypto.Rejections.reject;

import java.io.IOException;
import java.io.InputStream;
import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.Packet;
import org.bouncycastle.bcpg.PacketTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataList;

/**
 * The packet stream {@link PGPEncryptedDataList} reads the session key packets from, with our
 * rules applied as it reads them: password (SKESK) packets are refused, public-key ones are
 * counted against the recipient limit before they are parsed, read with a size limit, must be
 * version 3 and must use the one canonical encoding.
 *
 * <p>Canonical encoding matters because these packets sit outside the integrity-protected
 * data, and Bouncy Castle ignores some of their bits: an MPI's bit count may be off by a few
 * without changing the bytes read, and X25519 ignores the top bit of the ephemeral key. A
 * message whose bytes were altered must not decrypt as if nothing happened.
 */
final class SessionKeyPackets extends BCPGInputStream {

    /** Carries a refusal out through {@link PGPEncryptedDataList}'s constructor. */
    static final class Rejected extends IOException {
        private final transient OpenPgpException rejection;

        Rejected(OpenPgpException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }

        OpenPgpException rejection() {
            return rejection;
        }
    }

    /** RSA-16384 needs about 2 KiB; nothing legitimate comes near this. */
    private static final int MAX_PACKET_BYTES = 16 * 1024;
    private static final int ALGORITHM_OFFSET = 9; // after version (1) and key id (8)
    /** 0x40 followed by the 32-byte u-coordinate, as GnuPG encodes Curve25519 points. */
    private static final int CURVE25519_POINT_BYTES = 33;
    private static final byte NATIVE_POINT_PREFIX = 0x40;

    private final int maxRecipients;
    private int recipients;

    SessionKeyPackets(InputStream in, int maxRecipients) {
        super(in);
        this.maxRecipients = maxRecipients;
    }

    @Override
    public Packet readPacket() throws IOException {
        int tag = nextPacketTag();
        if (tag == PacketTags.SYMMETRIC_KEY_ENC_SESSION) {
            throw new Rejected(reject(SYMMETRIC_PASSWORD_PACKET, "it can be decrypted with a"
                    + " password (symmetric-key session key packet); only public-key"
                    + " encryption is accepted"));
        }
        if (tag != PacketTags.PUBLIC_KEY_ENC_SESSION) {
            return super.readPacket();
        }
        if (++recipients > maxRecipients) {
            throw new Rejected(reject(TOO_MANY_RECIPIENTS, "it is encrypted to more than "
                    + maxRecipients + " recipients"));
        }
        byte[] raw = BoundedPackets.readRaw(this, MAX_PACKET_BYTES);
        int body = BoundedPackets.bodyOffset(raw);
        int version = raw.length > body ? raw[body] : -1;
        if (version != 3) {
            // BC would skip it silently; say what is wrong instead.
            throw new Rejected(version == 6
                    ? reject(WEAK_OR_UNKNOWN_ALGORITHM, "it has a version 6 session key packet;"
                            + " only version 3 is accepted")
                    : malformed("it has a session key packet of unknown version " + version,
                            null));
        }
        requireCanonical(raw, body);
        return BoundedPackets.parse(raw).readPacket();
    }

    private static void requireCanonical(byte[] raw, int body) throws IOException {
        if (body + ALGORITHM_OFFSET >= raw.length) {
            throw new IOException("session key packet truncated");
        }
        int algorithm = raw[body + ALGORITHM_OFFSET] & 0xff;
        int position = body + ALGORITHM_OFFSET + 1;
        switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT ->
                    position = canonicalMpiEnd(raw, position);
            case PublicKeyAlgorithmTags.ECDH -> {
                int point = position + 2;
                position = canonicalMpiEnd(raw, position);
                if (position - point == CURVE25519_POINT_BYTES && raw[point] == NATIVE_POINT_PREFIX
                        && (raw[position - 1] & 0x80) != 0) {
                    // X25519 ignores the top bit of the little-endian u-coordinate (RFC 7748);
                    // the sender always clears it.
                    throw new IOException("Curve25519 ephemeral key has its unused top bit set");
                }
                if (position >= raw.length) {
                    throw new IOException("session key packet truncated");
                }
                position += 1 + (raw[position] & 0xff);
            }
            default -> {
                return; // other algorithms: parsed strictly by BC, or refused by the key
            }
        }
        if (position != raw.length) {
            throw new IOException("session key packet does not end where its fields do");
        }
    }

    /** Checks the MPI at {@code position} and returns where it ends. */
    private static int canonicalMpiEnd(byte[] raw, int position) throws IOException {
        if (position + 2 > raw.length) {
            throw new IOException("MPI truncated");
        }
        int bits = ((raw[position] & 0xff) << 8) | (raw[position + 1] & 0xff);
        int bytes = (bits + 7) / 8;
        if (bits == 0 || position + 2 + bytes > raw.length) {
            throw new IOException("MPI empty or truncated");
        }
        int first = raw[position + 2] & 0xff;
        int actualBits = 8 * (bytes - 1) + (32 - Integer.numberOfLeadingZeros(first));
        if (actualBits != bits) {
            throw new IOException("MPI bit count " + bits + " does not match its value");
        }
        return position + 2 + bytes;
    }
}
