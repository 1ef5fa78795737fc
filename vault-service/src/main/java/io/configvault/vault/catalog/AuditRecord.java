package io.configvault.vault.catalog;

import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param actor   who: a token's name, {@code retention} for the prune pass
 * @param action  what, e.g. {@code snapshot.delete}, {@code hold.place}, {@code policy.put}
 * @param target  on what: a snapshot id, a policy scope
 * @param outcome {@code ok}, {@code refused}, {@code failed}
 * @param detail  the rest (e.g. the rule that allowed a deletion); never secrets
 */
public record AuditRecord(long seq, Instant at, String actor, String action, String target,
                          String outcome, String detail) {
}
