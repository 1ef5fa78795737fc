/**
 * The fleet view: each enrolled appliance's state (last snapshot, last sign of life, last refused
 * event, agent version, restorable flag) and its status ({@link
 * io.configvault.vault.fleet.ApplianceStatus}), pages of them for the API, and the gauge of
 * appliances per status. Depends on {@code vault.catalog} (ports only), {@code vault.config},
 * {@code vault.periodic} and Micrometer.
 */
package io.configvault.vault.fleet;
