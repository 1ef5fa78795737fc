package io.configvault.shared.crypto;

import java.util.HexFormat;
import org.bouncycastle.openpgp.PGPPublicKey;

/** Public identifiers of keys, formatted as GnuPG prints them (upper-case hex). */
final class Fingerprints {

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private Fingerprints() {
    }

    /** 40 hex digits for a v4 key. */
    static String of(PGPPublicKey key) {
        return UPPER_HEX.formatHex(key.getFingerprint());
    }

    /** 16 hex digits, e.g. for the key id named in a session key or one-pass signature packet. */
    static String keyId(long keyId) {
        return UPPER_HEX.toHexDigits(keyId);
    }
}
