package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * The last event of an enrolled appliance that the ingest refused: when (the vault's clock),
 * the refusal's category tag ({@code signature}, {@code malformed}, …) and its reason, as the
 * quarantine record carries them (already printable and bounded by the ingest).
 *
 * @param at when the vault refused it; millisecond precision
 */
public record ApplianceError(String applianceId, Instant at, String category, String reason) {

    /** Longest reason kept; a longer one is cut (the quarantine record has the whole). */
    public static final int MAX_REASON = 1000;

    public ApplianceError {
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(reason, "reason");
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
    }
}
