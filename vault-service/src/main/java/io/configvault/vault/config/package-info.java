/**
 * The vault's settings: one validated configuration-properties record per concern, with
 * documented defaults. Keys are kebab-case under {@code vault.}.
 */
package io.configvault.vault.config;
