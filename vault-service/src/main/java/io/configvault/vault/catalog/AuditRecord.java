package io.configvault.vault.catalog;

import java.time.Instant;

/**
 * One line of the audit log, with its link in the hash chain ({@link AuditChain}).
 *
 * @param seq      its number: 1 for the first record, one more for each next (never reused)
 * @param at       when, to the millisecond
 * @param actor    who: a token's name, {@code retention} for the prune pass
 * @param action   what, e.g. {@code snapshot.delete}, {@code hold.place}, {@code policy.put}
 * @param target   on what: a snapshot id, an appliance id, a policy scope
 * @param outcome  {@code ok}, {@code refused}, {@code denied}, {@code not-found}, {@code failed}
 * @param detail   the rest (e.g. the rule that allowed a deletion); never secrets
 * @param source   from where: the client's address, or {@value AuditLog#INTERNAL} for the
 *                 vault's own work
 * @param prevHash the {@link #hash} of record {@code seq - 1} ({@link AuditChain#GENESIS} for the
 *                 first); null only when the row was altered outside the vault
 * @param hash     {@link AuditChain#hash} of this record; null only when altered likewise
 */
public record AuditRecord(long seq, Instant at, String actor, String action, String target,
                          String outcome, String detail, String source, String prevHash,
                          String hash) {
}
