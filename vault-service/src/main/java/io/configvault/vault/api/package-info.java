/**
 * The operator API under {@code /api/v1}: named bearer tokens with a role and fleets
 * ({@link io.configvault.vault.api.ApiTokens}, {@code /tokens}), checked per route from its
 * annotations ({@link io.configvault.vault.api.Allowed}, {@code AllFleets}, {@code Throttled}),
 * fleet scoping without existence leaks ({@code FleetGuard}), raw-path checks before routing,
 * audit records before bytes leave ({@code ApiAudit}, {@code Audited}), snapshot listing and
 * verified downloads, snapshot diffs, restore drills, enrolment, and retention (policies, holds,
 * preview, run).
 * Errors are {@code application/problem+json} without stack traces, object keys or secrets;
 * downloads carry {@code Cache-Control: no-store}. Controllers stay thin: they validate the
 * request, call one service and map its outcome to an answer.
 */
package io.configvault.vault.api;
