package io.configvault.vault.diff;

/**
 * How much one snapshot diff may list: row changes over the whole diff, tables compared and
 * schema changes per database. Whatever is over the budget is still counted, not listed, and
 * the diff is marked truncated. Not thread-safe: one per diff.
 */
public final class DiffBudget {

    private final int maxChanges;
    private final int maxTables;
    private int changes;
    private boolean truncated;

    public DiffBudget(int maxChanges, int maxTables) {
        this.maxChanges = maxChanges;
        this.maxTables = maxTables;
    }

    /** True when one more row change may be listed; false (and truncated) when not. */
    boolean listChange() {
        if (changes < maxChanges) {
            changes++;
            return true;
        }
        truncated = true;
        return false;
    }

    /** Most tables compared, and schema changes listed, in one database. */
    int maxTables() {
        return maxTables;
    }

    /** Records that something was left out for another bound. */
    void truncate() {
        truncated = true;
    }

    public boolean truncated() {
        return truncated;
    }
}
