package io.configvault.vault.api;

import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.SnapshotFilter;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The query parameters of {@code GET /api/v1/appliances/{id}/snapshots} as a catalog filter:
 * {@code from} (inclusive) and {@code to} (exclusive) as ISO-8601 instants of capture,
 * {@code trigger} (case-insensitive), {@code label} (exact) and {@code cursor}. A malformed one
 * is a 400 naming it.
 */
final class SnapshotQuery {

    /** Longest label accepted in a filter; no stored label is longer than the manifest allows. */
    static final int MAX_LABEL = 1000;

    private SnapshotQuery() {
    }

    static SnapshotFilter filter(@Nullable String from, @Nullable String to,
                                 @Nullable String trigger, @Nullable String label,
                                 @Nullable String cursor) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiProblem.badRequest("Invalid from: it must be before to.");
        }
        if (label != null && (label.isEmpty() || label.length() > MAX_LABEL)) {
            throw ApiProblem.badRequest("Invalid label: give 1 to " + MAX_LABEL
                    + " characters.");
        }
        return new SnapshotFilter(start, end, trigger(trigger), label,
                cursor == null ? null : SnapshotCursor.decode(cursor));
    }

    private static Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("Invalid " + name + ": give an ISO-8601 instant such as"
                    + " 2026-11-22T10:00:00Z.");
        }
    }

    private static Trigger trigger(@Nullable String value) {
        if (value == null) {
            return null;
        }
        for (Trigger trigger : Trigger.values()) {
            if (trigger.name().equalsIgnoreCase(value)) {
                return trigger;
            }
        }
        throw ApiProblem.badRequest("Invalid trigger: give one of " + Arrays.stream(
                Trigger.values()).map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")) + ".");
    }
}
