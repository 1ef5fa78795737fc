package io.configvault.vault.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.configvault.vault.retention.AppliancePlan;
import io.configvault.vault.retention.Candidate;
import io.configvault.vault.retention.Decision;
import io.configvault.vault.retention.Reason;
import io.configvault.vault.retention.RetentionService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Response bodies of the retention preview and run endpoints; nulls and empty lists shown. */
final class RetentionViews {

    private RetentionViews() {
    }

    /**
     * A page of a preview.
     *
     * @param next the {@code after} of the next page, or null on the last page
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Preview(String at, List<Plan> appliances, @Nullable String next) {

        static Preview of(RetentionService.PreviewPage page) {
            return new Preview(page.at().toString(), page.plans().stream().map(Plan::of).toList(),
                    page.next());
        }
    }

    /**
     * What a pass would do to one appliance.
     *
     * @param policy the scope of the policy that applies, or null when none does
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Plan(String applianceId, @Nullable String policy, List<Kept> keep,
                List<Deleted> delete, List<String> warnings, int burstSnapshots) {

        static Plan of(AppliancePlan plan) {
            return new Plan(plan.applianceId(), plan.policy(),
                    plan.keep().stream().map(Kept::of).toList(),
                    plan.delete().stream().map(Deleted::of).toList(), plan.warnings(),
                    plan.burstSnapshots());
        }
    }

    /** @param reasons every rule that keeps it, e.g. {@code keep-daily 2026-11-21} */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Kept(String snapshotId, String capturedAt, String trigger, List<String> reasons) {

        static Kept of(Decision decision) {
            Candidate s = decision.snapshot();
            return new Kept(s.id().toString(), s.capturedAt().toString(), s.trigger().name(),
                    decision.reasons().stream().map(Reason::toString).toList());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Deleted(String snapshotId, String capturedAt, String trigger) {

        static Deleted of(Decision decision) {
            Candidate s = decision.snapshot();
            return new Deleted(s.id().toString(), s.capturedAt().toString(), s.trigger().name());
        }
    }

    /** What a pass did; see {@link RetentionService.PassReport}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Pass(String startedAt, String finishedAt, @Nullable String refusal, int appliances,
                int tombstoned, int deleted, List<String> failed, List<String> warnings) {

        static Pass of(RetentionService.PassReport report) {
            return new Pass(report.startedAt().toString(), report.finishedAt().toString(),
                    report.refusal(), report.appliances(), report.tombstoned(), report.deleted(),
                    report.failed(), report.warnings());
        }
    }
}
