/**
 * The operator API under {@code /api/v1}: bearer-token authentication, snapshot listing and
 * verified downloads, snapshot diffs, restore drills, enrolment, and retention (policies, holds,
 * preview, run).
 * Errors are {@code application/problem+json} without stack traces, object keys or secrets;
 * downloads carry {@code Cache-Control: no-store}. Controllers stay thin: they validate the
 * request, call one service and map its outcome to an answer.
 */
package io.configvault.vault.api;
