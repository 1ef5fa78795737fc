package io.configvault.vault.retention;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What a pass would do to one appliance's snapshots.
 *
 * @param policy   the scope of the policy that applied ({@code vault}, {@code fleet:x},
 *                 {@code appliance:y}), or null when none did (everything is kept)
 * @param keep     kept snapshots, newest first, each with its reasons
 * @param delete   snapshots no rule, floor, hold or lock keeps, newest first
 * @param warnings what an operator should know (a burst, a clock ahead), in plain words
 * @param burstSnapshots how many of the appliance's snapshots the burst guard counts as part of
 *                 a burst (0: none)
 */
public record AppliancePlan(String applianceId, @Nullable String policy, List<Decision> keep,
                            List<Decision> delete, List<String> warnings, int burstSnapshots) {

    public AppliancePlan {
        keep = List.copyOf(keep);
        delete = List.copyOf(delete);
        warnings = List.copyOf(warnings);
    }
}
