package io.configvault.vault.enrol;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.EnrolmentToken;
import io.configvault.vault.catalog.Redemption;
import io.configvault.vault.catalog.TokenRedemption;
import io.configvault.vault.config.EnrolmentSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues enrolment and re-key tokens and redeems them: the steps are mint → store the hash →
 * hand the token out once; and hash the presented token → let the catalog decide and bind in
 * one transaction → log the outcome (never the token). Thread-safe.
 */
@Singleton
public final class Enroller {

    private static final Logger LOG = LoggerFactory.getLogger(Enroller.class);

    private final Catalog catalog;
    private final EnrolmentSettings settings;
    private final Clock clock;

    public Enroller(Catalog catalog, EnrolmentSettings settings, Clock clock) {
        this.catalog = catalog;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Issues a token that enrols one appliance into {@code fleet}.
     *
     * @param applianceId the only id it may enrol, or null for any
     * @param ttl         its lifetime, or null for {@code vault.enrolment.default-ttl}
     * @throws IllegalArgumentException for an invalid fleet, appliance id or lifetime
     */
    public IssuedToken issue(String fleet, String applianceId, Duration ttl)
            throws CatalogException {
        Identifiers.requireName("fleet", fleet);
        if (applianceId != null) {
            Identifiers.requireName("appliance id", applianceId);
        }
        return store(EnrolmentToken.Purpose.ENROL, fleet, applianceId, ttl);
    }

    /**
     * Issues a token that lets the enrolled appliance {@code applianceId} enrol a new key once
     * (a replaced or reinstalled appliance whose old key is gone).
     *
     * @return empty when no such appliance is enrolled
     */
    public Optional<IssuedToken> issueRekey(String applianceId, Duration ttl)
            throws CatalogException {
        Identifiers.requireName("appliance id", applianceId);
        Optional<Appliance> appliance = catalog.appliance(applianceId);
        if (appliance.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store(EnrolmentToken.Purpose.REKEY, appliance.get().fleet(),
                applianceId, ttl));
    }

    /**
     * Redeems {@code token} for {@code applianceId} (already validated) with its public key.
     */
    public Redemption enrol(String token, String applianceId, PgpPublicKey key)
            throws CatalogException {
        Redemption outcome = EnrolmentTokens.wellFormed(token)
                ? catalog.redeem(new TokenRedemption(EnrolmentTokens.hash(token), applianceId,
                        key.armored(), key.fingerprint(), clock.instant()))
                : new Redemption.Refused(Redemption.Refusal.UNKNOWN_TOKEN);
        switch (outcome) {
            case Redemption.Enrolled enrolled -> LOG.info("Enrolled appliance {} in fleet {}"
                    + " with key {}", applianceId, enrolled.appliance().fleet(), key.fingerprint());
            case Redemption.Confirmed confirmed -> LOG.info("Appliance {} enrolled again with its"
                    + " enrolled key {}; nothing changed", applianceId, key.fingerprint());
            case Redemption.Rekeyed rekeyed -> LOG.warn("Re-keyed appliance {} in fleet {}: key {}"
                    + " replaces {}", applianceId, rekeyed.appliance().fleet(), key.fingerprint(),
                    rekeyed.previousFingerprint());
            case Redemption.Refused refused -> LOG.warn("Refused enrolment of appliance {} with"
                    + " key {}: {}", applianceId, key.fingerprint(), refused.refusal());
        }
        return outcome;
    }

    private IssuedToken store(EnrolmentToken.Purpose purpose, String fleet, String applianceId,
                              Duration ttl) throws CatalogException {
        Duration lifetime = ttl == null ? settings.defaultTtl() : ttl;
        if (lifetime.isNegative() || lifetime.isZero()
                || lifetime.compareTo(settings.maxTtl()) > 0) {
            throw new IllegalArgumentException("ttl must be positive and at most "
                    + settings.maxTtl());
        }
        String token = EnrolmentTokens.mint();
        String hash = EnrolmentTokens.hash(token);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        catalog.addEnrolmentToken(EnrolmentToken.issued(hash, purpose, fleet, applianceId, now,
                expiresAt));
        // The first 8 hex digits of the hash name the token in logs without revealing it.
        LOG.info("Issued {} token {}… for fleet {}{}, valid until {}",
                purpose == EnrolmentToken.Purpose.REKEY ? "a re-key" : "an enrolment",
                hash.substring(0, 8), fleet,
                applianceId == null ? "" : " and appliance " + applianceId, expiresAt);
        return new IssuedToken(token, purpose, fleet, applianceId, expiresAt);
    }
}
