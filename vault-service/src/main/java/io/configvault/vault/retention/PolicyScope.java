package io.configvault.vault.retention;

import io.configvault.shared.snapshot.Identifiers;

/**
 * What a policy attaches to: the whole vault, a fleet, or an appliance; the most specific one
 * that exists applies to an appliance. Written {@code vault}, {@code fleet:<id>},
 * {@code appliance:<id>}.
 */
public sealed interface PolicyScope {

    /** {@code vault}, {@code fleet:<id>} or {@code appliance:<id>}. */
    String key();

    /** The vault-wide default. */
    record Vault() implements PolicyScope {
        @Override
        public String key() {
            return "vault";
        }
    }

    record Fleet(String fleet) implements PolicyScope {
        @Override
        public String key() {
            return "fleet:" + fleet;
        }
    }

    record Appliance(String applianceId) implements PolicyScope {
        @Override
        public String key() {
            return "appliance:" + applianceId;
        }
    }

    PolicyScope VAULT = new Vault();

    /**
     * Parses a scope key.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static PolicyScope parse(String key) {
        if ("vault".equals(key)) {
            return VAULT;
        }
        if (key != null && key.startsWith("fleet:")
                && Identifiers.isName(key.substring(6))) {
            return new Fleet(key.substring(6));
        }
        if (key != null && key.startsWith("appliance:")
                && Identifiers.isName(key.substring(10))) {
            return new Appliance(key.substring(10));
        }
        throw new IllegalArgumentException(
                "a scope is vault, fleet:<fleet id> or appliance:<appliance id>");
    }
}
