package io.configvault.shared.crypto;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Discards what is written and keeps its SHA-256 and length. */
final class Sha256Sink extends OutputStream {

    private final MessageDigest digest;
    private long count;

    Sha256Sink() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void write(int b) {
        digest.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        digest.update(b, off, len);
        count += len;
    }

    long count() {
        return count;
    }

    /** Hex digest; call once. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
