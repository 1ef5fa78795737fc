package io.configvault.vault.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain over the audit log. A record's hash is the lowercase hex SHA-256 of its fields
 * in a fixed order, each as a netstring ({@code <length of its UTF-8 bytes in decimal>:<bytes>,}):
 * the version tag {@value #VERSION}, seq (decimal), at (epoch milliseconds, decimal), actor,
 * action, target, outcome, detail, source and prev_hash. The length prefix makes the encoding
 * unambiguous whatever the fields contain (commas, colons, line breaks). The first record's
 * prev_hash is {@link #GENESIS}. Pure functions; thread-safe.
 */
public final class AuditChain {

    /** The prev_hash of the first record: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    /** The first field of every encoding; a new encoding gets a new tag. */
    public static final String VERSION = "configvault-audit-v1";

    private AuditChain() {
    }

    /** The hash a record with these fields carries. */
    public static String hash(long seq, Instant at, String actor, String action, String target,
                              String outcome, String detail, String source, String prevHash) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        for (String field : new String[] {VERSION, Long.toString(seq),
                Long.toString(at.toEpochMilli()), actor, action, target, outcome, detail, source,
                prevHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            sha.update(bytes);
            sha.update((byte) ',');
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The hash {@code record} should carry, computed from its fields. */
    public static String hashOf(AuditRecord record) {
        return hash(record.seq(), record.at(), record.actor(), record.action(), record.target(),
                record.outcome(), record.detail(), record.source(),
                record.prevHash() == null ? "" : record.prevHash());
    }
}
