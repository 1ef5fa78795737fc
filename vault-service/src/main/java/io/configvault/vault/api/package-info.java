/**
 * The operator API under {@code /api/v1}: bearer-token authentication, snapshot listing and
 * verified downloads. Errors are {@code application/problem+json} without stack traces, object
 * keys or secrets; downloads carry {@code Cache-Control: no-store}.
 */
package io.configvault.vault.api;
