package io.configvault.vault.ingest;

import io.configvault.vault.catalog.SnapshotRecord;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The user metadata each stored object carries: everything needed to rebuild its catalog row from
 * a bucket listing (the bucket is the source of truth). Values are ASCII; the label is
 * URL-encoded. No secret and no entry content is ever put here.
 */
public final class ObjectMetadata {

    static final String BUNDLE_SHA256 = "cv-bundle-sha256";
    static final String STORED_SHA256 = "cv-stored-sha256";
    static final String STORAGE_KEY = "cv-storage-key";

    private ObjectMetadata() {
    }

    public static Map<String, String> of(SnapshotRecord s) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("cv-format", "1");
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
        return metadata;
    }

    static String label(Map<String, String> metadata) {
        String label = metadata.get("cv-label");
        return label == null ? null : URLDecoder.decode(label, StandardCharsets.UTF_8);
    }
}
