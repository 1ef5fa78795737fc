package io.configvault.shared.crypto;

import java.io.IOException;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;

/**
 * Requires the one encoding of a v3 public-key session key packet. The packet sits outside the
 * integrity-protected data, and Bouncy Castle ignores some of its bits (e.g. an MPI's bit count
 * may be off by a few without changing the bytes read); a message whose bytes were altered must
 * not decrypt as if nothing happened, so non-canonical encodings are refused.
 */
final class SessionKeyPacketEncoding {

    private static final int ALGORITHM_OFFSET = 9; // after version (1) and key id (8)

    private SessionKeyPacketEncoding() {
    }

    static void requireCanonical(byte[] raw) throws IOException {
        int position = BoundedPackets.bodyOffset(raw);
        if (position + ALGORITHM_OFFSET >= raw.length || raw[position] != 3) {
            return; // not v3: refused by version later
        }
        int algorithm = raw[position + ALGORITHM_OFFSET] & 0xff;
        position += ALGORITHM_OFFSET + 1;
        switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT ->
                    position = canonicalMpiEnd(raw, position);
            case PublicKeyAlgorithmTags.ECDH -> {
                position = canonicalMpiEnd(raw, position);
                if (position >= raw.length) {
                    throw new IOException("session key packet truncated");
                }
                position += 1 + (raw[position] & 0xff);
            }
            default -> {
                return; // other algorithms: refused or parsed strictly by BC
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
