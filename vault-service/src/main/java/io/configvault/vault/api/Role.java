package io.configvault.vault.api;

/**
 * What a bearer token may do, each role including the ones before it: {@link #VIEWER} reads
 * metadata, {@link #OPERATOR} also downloads, verifies, restores and requests snapshots,
 * {@link #ADMIN} also manages tokens, enrolment tokens, retention policies and holds.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** True when this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }
}
