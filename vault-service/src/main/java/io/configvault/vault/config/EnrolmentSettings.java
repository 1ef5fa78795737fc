package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * {@code vault.enrolment.*}: enrolment tokens.
 *
 * @param defaultTtl lifetime of a token when the admin asks for none (default 24 hours)
 * @param maxTtl     longest lifetime an admin may ask for (default 30 days)
 */
@ConfigurationProperties("vault.enrolment")
public record EnrolmentSettings(
        @Bindable(defaultValue = "PT24H") @NotNull Duration defaultTtl,
        @Bindable(defaultValue = "P30D") @NotNull Duration maxTtl) {

    public EnrolmentSettings {
        if (defaultTtl == null || defaultTtl.isNegative() || defaultTtl.isZero()
                || maxTtl == null || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("Cannot start vault: vault.enrolment.default-ttl"
                    + " must be positive and not longer than vault.enrolment.max-ttl");
        }
    }
}
