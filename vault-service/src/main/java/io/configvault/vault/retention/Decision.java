package io.configvault.vault.retention;

import java.util.List;

/**
 * The planner's verdict on one snapshot: kept (with every reason that keeps it) or deleted
 * (reasons empty).
 */
public record Decision(Candidate snapshot, List<Reason> reasons) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public boolean kept() {
        return !reasons.isEmpty();
    }
}
