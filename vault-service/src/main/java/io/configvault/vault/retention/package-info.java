/**
 * Retention: policies (rules per vault, fleet or appliance), the planner that decides per
 * appliance which snapshots a pass keeps and why, and the floors, holds, burst guard and clock
 * guard no policy can override. The planner is pure (no I/O, no clock of its own); the pass that
 * acts on a plan lives beside it. Semantics with worked examples: {@code docs/retention.md}.
 */
package io.configvault.vault.retention;
