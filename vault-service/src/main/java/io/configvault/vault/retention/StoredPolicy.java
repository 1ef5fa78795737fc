package io.configvault.vault.retention;

import java.time.Instant;

/** A policy as the catalog keeps it: where it attaches, and who set it when. */
public record StoredPolicy(PolicyScope scope, RetentionPolicy policy, Instant updatedAt,
                           String updatedBy) {
}
