package io.configvault.capture.snapshot;

import io.configvault.capture.source.SourceSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The required sources a snapshot lacks, turned into the manifest's not-restorable reason, e.g.
 * "required source 'pwenc_secret' (/data/pwenc_secret) is missing: it is disabled by
 * capture.sources[1].enabled (the password secret seed; ...)". Several are joined with "; ".
 * Not thread-safe.
 */
final class MissingParts {

    /** Longest reason; the manifest reader accepts strings up to 4096 characters. */
    static final int MAX_REASON = 2000;

    private final List<String> parts = new ArrayList<>();

    void add(SourceSpec spec, String problem) {
        parts.add("required " + spec.describe() + " is missing: " + problem
                + (spec.description() == null ? "" : " (" + spec.description() + ")"));
    }

    /** Null when nothing required is missing. */
    String reason() {
        if (parts.isEmpty()) {
            return null;
        }
        String reason = String.join("; ", parts);
        return reason.length() <= MAX_REASON ? reason
                : reason.substring(0, MAX_REASON - 1) + "…";
    }
}
