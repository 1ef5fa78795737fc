package io.configvault.vault.retention;

import io.configvault.vault.retention.RetentionService.PassReport;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pass has done so far, for its report. The lists of warnings and failures keep their
 * first {@value #MAX_LINES} lines and count the rest, so a report stays small whatever the
 * catalog's size. Not thread-safe.
 */
final class PassProgress {

    static final int MAX_LINES = 100;

    private final Instant startedAt;
    private final List<String> failed = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int moreFailed;
    private int moreWarnings;
    private int appliances;
    private int tombstoned;
    private int deleted;

    PassProgress(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void planned(AppliancePlan plan) {
        appliances++;
        for (String warning : plan.warnings()) {
            warn("appliance " + plan.applianceId() + ": " + warning);
        }
    }

    void warn(String warning) {
        if (warnings.size() < MAX_LINES) {
            warnings.add(warning);
        } else {
            moreWarnings++;
        }
    }

    void failed(String failure) {
        if (failed.size() < MAX_LINES) {
            failed.add(failure);
        } else {
            moreFailed++;
        }
    }

    void tombstoned(int count) {
        tombstoned += count;
    }

    void deleted(int count) {
        deleted += count;
    }

    PassReport report(Instant finishedAt, @Nullable String refusal) {
        return new PassReport(startedAt, finishedAt, refusal, appliances, tombstoned, deleted,
                withRest(failed, moreFailed, "deletions"), withRest(warnings, moreWarnings,
                        "warnings"));
    }

    private static List<String> withRest(List<String> lines, int more, String what) {
        if (more == 0) {
            return lines;
        }
        List<String> all = new ArrayList<>(lines);
        all.add("… and " + more + " more " + what);
        return all;
    }
}
