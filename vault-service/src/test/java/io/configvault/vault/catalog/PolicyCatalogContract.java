package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.RetentionDuration;
import io.configvault.vault.retention.RetentionPolicy;
import io.configvault.vault.retention.RuleSet;
import io.configvault.vault.retention.StoredPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link PolicyCatalog} and {@link AuditLog} must do; run against both catalogs. */
abstract class PolicyCatalogContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    abstract Catalog catalog();

    abstract PolicyCatalog policies();

    abstract AuditLog audit();

    static RetentionPolicy daily(int days) {
        return new RetentionPolicy(new RuleSet(0, 0, days, 0, 0, 0, null, null, null, null, null,
                null), Map.of(Trigger.MANUAL, new RuleSet(0, 0, 0, 0, 0, 0,
                RetentionDuration.parse("365d"), null, null, null, null, null)),
                ZoneId.of("Europe/Berlin"));
    }

    @Test
    void aPolicyIsSetReadAndReplacedPerScope() throws Exception {
        StoredPolicy fleet = new StoredPolicy(new PolicyScope.Fleet("lab"), daily(7), T0,
                "admin");
        policies().putPolicy(fleet);

        assertThat(policies().policy(new PolicyScope.Fleet("lab"))).contains(fleet);
        assertThat(policies().policy(new PolicyScope.Fleet("other"))).isEmpty();
        assertThat(policies().policy(PolicyScope.VAULT)).isEmpty();

        StoredPolicy replaced = new StoredPolicy(new PolicyScope.Fleet("lab"), daily(30),
                T0.plusSeconds(60), "ops");
        policies().putPolicy(replaced);
        assertThat(policies().policy(new PolicyScope.Fleet("lab"))).contains(replaced);
        assertThat(policies().policies()).containsExactly(replaced);
    }

    @Test
    void policiesAreListedVaultThenFleetsThenAppliances() throws Exception {
        StoredPolicy nas = new StoredPolicy(new PolicyScope.Appliance("nas-1"), daily(3), T0, "a");
        StoredPolicy zeta = new StoredPolicy(new PolicyScope.Fleet("zeta"), daily(4), T0, "a");
        StoredPolicy alpha = new StoredPolicy(new PolicyScope.Fleet("alpha"), daily(5), T0, "a");
        StoredPolicy vault = new StoredPolicy(PolicyScope.VAULT, daily(6), T0, "a");
        policies().putPolicy(nas);
        policies().putPolicy(zeta);
        policies().putPolicy(alpha);
        policies().putPolicy(vault);

        assertThat(policies().policies()).containsExactly(vault, alpha, zeta, nas);
    }

    @Test
    void deletingAPolicySaysWhetherThereWasOne() throws Exception {
        policies().putPolicy(new StoredPolicy(PolicyScope.VAULT, daily(7), T0, "admin"));

        assertThat(policies().deletePolicy(PolicyScope.VAULT)).isTrue();
        assertThat(policies().deletePolicy(PolicyScope.VAULT)).isFalse();
        assertThat(policies().policy(PolicyScope.VAULT)).isEmpty();
    }

    @Test
    void aHoldNeedsAnExistingSnapshot() throws Exception {
        SnapshotId missing = SnapshotId.mint(Clock.fixed(T0, ZoneOffset.UTC));

        assertThat(policies().hold(new Hold(missing, "audit", "admin", T0))).isFalse();
        assertThat(policies().holdOf(missing)).isEmpty();
    }

    @Test
    void aHoldIsPlacedReplacedAndReleased() throws Exception {
        SnapshotRecord snapshot = VerificationLogContract.snapshot("nas-1", T0, T0);
        catalog().insert(snapshot);
        Hold first = new Hold(snapshot.id(), "incident 42", "admin", T0);
        Hold second = new Hold(snapshot.id(), "legal request", "ops", T0.plusSeconds(5));

        assertThat(policies().hold(first)).isTrue();
        assertThat(policies().holdOf(snapshot.id())).contains(first);
        assertThat(policies().hold(second)).isTrue();
        assertThat(policies().holdOf(snapshot.id())).contains(second);

        assertThat(policies().release(snapshot.id())).isTrue();
        assertThat(policies().release(snapshot.id())).isFalse();
        assertThat(policies().holdOf(snapshot.id())).isEmpty();
    }

    @Test
    void theAuditLogListsNewestFirst() throws Exception {
        audit().audit(T0, "admin", "policy.put", "vault", "ok", "keep-daily 7");
        audit().audit(T0.plusSeconds(1), "retention", "snapshot.delete", "s-1", "ok",
                "policy vault keeps none of it");

        assertThat(audit().recentAudit(10)).extracting(AuditRecord::action)
                .containsExactly("snapshot.delete", "policy.put");
        assertThat(audit().recentAudit(1)).singleElement().satisfies(r -> {
            assertThat(r.actor()).isEqualTo("retention");
            assertThat(r.at()).isEqualTo(T0.plusSeconds(1));
            assertThat(r.detail()).isEqualTo("policy vault keeps none of it");
        });
    }
}
