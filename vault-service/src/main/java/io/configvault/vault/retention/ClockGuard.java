package io.configvault.vault.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The clock guard of one appliance: the vault's clock behind a stored snapshot, or the
 * appliance's clock ahead of the vault's, by more than the allowed skew. Either way nothing of
 * the appliance may be deleted, since what "old" means is in doubt.
 */
final class ClockGuard {

    private ClockGuard() {
    }

    /** Why the clocks disagree, one sentence per clock; empty when they agree. */
    static List<String> check(String applianceId, Timeline timeline, Instant now,
                              Duration maxSkew) {
        List<String> problems = new ArrayList<>(2);
        if (timeline.size() == 0) {
            return problems;
        }
        Candidate latestStored = timeline.get(0);
        for (int i = 1; i < timeline.size(); i++) {
            if (timeline.get(i).storedAt().isAfter(latestStored.storedAt())) {
                latestStored = timeline.get(i);
            }
        }
        Instant limit = now.plus(maxSkew);
        if (latestStored.storedAt().isAfter(limit)) {
            problems.add("appliance " + applianceId + ": snapshot " + latestStored.id()
                    + " was stored " + text(Duration.between(now, latestStored.storedAt()))
                    + " after the vault's clock now (more than max-clock-skew "
                    + text(maxSkew) + "): the vault's clock is behind; nothing of this"
                    + " appliance is deleted until the vault's clock is right");
        }
        Candidate newest = timeline.get(0);
        if (newest.capturedAt().isAfter(limit)) {
            problems.add("appliance " + applianceId + ": its newest snapshot " + newest.id()
                    + " was captured " + text(Duration.between(now, newest.capturedAt()))
                    + " after the vault's clock now (more than max-clock-skew "
                    + text(maxSkew) + "): the appliance's clock is ahead; nothing of this"
                    + " appliance is deleted until the vault's clock has passed that capture"
                    + " time");
        }
        return problems;
    }

    /** A duration in words an operator reads at a glance: {@code 2d3h}, {@code 10m}, ... */
    static String text(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
