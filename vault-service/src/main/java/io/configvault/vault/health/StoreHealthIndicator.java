package io.configvault.vault.health;

import io.configvault.shared.health.CheckIndicator;
import io.configvault.shared.health.CheckResult;
import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Readiness detail {@code s3}: the bucket answers the vault's credentials
 * ({@link BlobStore#probe}). DOWN with the store's answer otherwise: unreachable or 5xx (ingest
 * pauses and resumes by itself when it returns), or refused (403, a missing bucket: an operator
 * must act). Details name the bucket's answer, never credentials.
 */
@Singleton
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
public final class StoreHealthIndicator extends CheckIndicator {

    StoreHealthIndicator(BlobStore store, Clock clock) {
        super("s3", () -> probe(store), clock);
    }

    static CheckResult probe(BlobStore store) {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            store.probe();
            details.put("reachable", true);
            return CheckResult.up(details);
        } catch (StoreException e) {
            details.put("reachable", false);
            details.put("transient", e instanceof StoreUnavailableException);
            details.put("error", e.getMessage());
            return CheckResult.down(details);
        }
    }
}
