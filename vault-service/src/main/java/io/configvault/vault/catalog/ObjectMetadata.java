package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The user metadata each stored object carries: every column of its catalog row except the object
 * key and stored size (which the bucket itself tells), so that a lost catalog can be rebuilt from
 * a bucket listing with the same rows. Values are ASCII; the label is URL-encoded. No secret and
 * no entry content is ever put here. S3 lower-cases metadata names; these are lower-case already.
 *
 * <p>The Object Lock the object was written with ({@value #RETAIN_UNTIL}, {@value #LOCK_MODE})
 * is only there when it was written with one; objects written before Object Lock existed in the
 * vault, or with it off, have neither. When present, both are parsed strictly: a retain-until
 * without a mode, or a mode S3 does not know, is malformed. They record what the vault asked
 * for; the store's own answer (HEAD) is what enforces it.
 */
public final class ObjectMetadata {

    public static final String FORMAT = "cv-format";
    public static final String BUNDLE_SHA256 = "cv-bundle-sha256";
    public static final String STORED_SHA256 = "cv-stored-sha256";
    public static final String STORAGE_KEY = "cv-storage-key";
    public static final String RETAIN_UNTIL = "cv-retain-until";
    public static final String LOCK_MODE = "cv-lock-mode";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private ObjectMetadata() {
    }

    public static Map<String, String> of(SnapshotRecord s) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT, "1");
        metadata.put("cv-snapshot", s.id().toString());
        metadata.put("cv-appliance", s.applianceId());
        metadata.put("cv-fleet", s.fleet());
        metadata.put("cv-sequence", Long.toString(s.sequence()));
        metadata.put("cv-trigger", s.trigger().name());
        metadata.put("cv-captured-at", s.capturedAt().toString());
        metadata.put("cv-time-zone", s.timeZone());
        metadata.put("cv-restorable", Boolean.toString(s.restorable()));
        if (s.label() != null) {
            metadata.put("cv-label", URLEncoder.encode(s.label(), StandardCharsets.UTF_8));
        }
        metadata.put("cv-bundle-bytes", Long.toString(s.bundleBytes()));
        metadata.put(BUNDLE_SHA256, s.bundleSha256());
        metadata.put(STORED_SHA256, s.storedSha256());
        metadata.put(STORAGE_KEY, s.storageKey());
        metadata.put("cv-stored-at", s.storedAt().toString());
        if (s.retainUntil() != null) {
            metadata.put(RETAIN_UNTIL, s.retainUntil().toString());
            metadata.put(LOCK_MODE, s.lockMode());
        }
        return metadata;
    }

    /**
     * The catalog row an object describes, from its key, size and metadata (as a HEAD or listing
     * returns them).
     *
     * @throws IllegalArgumentException naming the first missing or malformed field
     */
    public static SnapshotRecord parse(String objectKey, long storedBytes,
                                       Map<String, String> metadata) {
        if (!"1".equals(metadata.get(FORMAT))) {
            throw new IllegalArgumentException("object " + objectKey + " has no " + FORMAT
                    + " 1 metadata (not written by this vault, or by a newer one)");
        }
        try {
            String label = metadata.get("cv-label");
            return new SnapshotRecord(
                    SnapshotId.parse(required(metadata, "cv-snapshot")),
                    required(metadata, "cv-appliance"),
                    required(metadata, "cv-fleet"),
                    Long.parseLong(required(metadata, "cv-sequence")),
                    Trigger.valueOf(required(metadata, "cv-trigger")),
                    Instant.parse(required(metadata, "cv-captured-at")),
                    ZoneId.of(required(metadata, "cv-time-zone")).getId(),
                    label == null ? null : URLDecoder.decode(label, StandardCharsets.UTF_8),
                    Boolean.parseBoolean(required(metadata, "cv-restorable")),
                    Long.parseLong(required(metadata, "cv-bundle-bytes")),
                    digest(metadata, BUNDLE_SHA256),
                    storedBytes,
                    digest(metadata, STORED_SHA256),
                    objectKey,
                    required(metadata, STORAGE_KEY),
                    Instant.parse(required(metadata, "cv-stored-at")),
                    retainUntil(metadata),
                    lockMode(metadata));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("object " + objectKey
                    + " has malformed metadata: " + e.getMessage(), e);
        }
    }

    private static Instant retainUntil(Map<String, String> metadata) {
        if (!metadata.containsKey(RETAIN_UNTIL) && !metadata.containsKey(LOCK_MODE)) {
            return null;
        }
        return Instant.parse(required(metadata, RETAIN_UNTIL));
    }

    private static String lockMode(Map<String, String> metadata) {
        if (!metadata.containsKey(RETAIN_UNTIL) && !metadata.containsKey(LOCK_MODE)) {
            return null;
        }
        String mode = required(metadata, LOCK_MODE);
        if (!SnapshotRecord.LOCK_MODES.contains(mode)) {
            throw new IllegalArgumentException(LOCK_MODE + " is not GOVERNANCE or COMPLIANCE");
        }
        return mode;
    }

    private static String required(Map<String, String> metadata, String name) {
        String value = metadata.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static String digest(Map<String, String> metadata, String name) {
        String value = required(metadata, name);
        if (!SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " is not a SHA-256 in hex");
        }
        return value;
    }
}
