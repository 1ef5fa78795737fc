package io.configvault.vault.enrol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Minting and hashing of enrolment tokens: {@code cve_} followed by 256 random bits in
 * unpadded base64url (47 characters). Only {@link #hash} of a token is ever stored; 256 random
 * bits make the hash a safe lookup key (nothing to brute-force, no salt needed).
 */
public final class EnrolmentTokens {

    static final String PREFIX = "cve_";
    private static final Pattern SHAPE = Pattern.compile("cve_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnrolmentTokens() {
    }

    static String mint() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** True when {@code token} could be one of ours; anything else is unknown without a lookup. */
    static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    /** SHA-256 of the token's UTF-8 bytes, 64 lower-case hex digits. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash: the JDK has no SHA-256", e);
        }
    }
}
