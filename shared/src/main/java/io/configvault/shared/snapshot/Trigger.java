package io.configvault.shared.snapshot;

/** Why a snapshot was taken. Part of the signed manifest and of the catalog row. */
public enum Trigger {
    /** The configuration changed (debounced). */
    CHANGE,
    /** The daily (or configured) schedule fired. */
    SCHEDULE,
    /** A scheduled run was missed while the agent was down and runs once at startup. */
    CATCH_UP,
    /** An operator asked for it (agent API or CLI). */
    MANUAL,
    /** Taken automatically before a restore overwrites the configuration. */
    PRE_RESTORE
}
