package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqlitePolicyCatalogTest extends PolicyCatalogContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    Catalog catalog() {
        return sqlite.catalog();
    }

    @Override
    PolicyCatalog policies() {
        return sqlite.catalog();
    }

    @Override
    AuditLog audit() {
        return sqlite.catalog();
    }

    @Test
    void policiesAndTheAuditLogSurviveReopening() throws Exception {
        StoredPolicy policy = new StoredPolicy(new PolicyScope.Appliance("nas-1"), daily(7), T0,
                "admin");
        sqlite.catalog().putPolicy(policy);
        sqlite.catalog().audit(T0, "admin", "policy.put", "appliance:nas-1", "ok", "");
        sqlite.reopen();

        assertThat(sqlite.catalog().policy(new PolicyScope.Appliance("nas-1"))).contains(policy);
        assertThat(sqlite.catalog().recentAudit(5)).hasSize(1);
    }

    @Test
    void aPolicyRowEditedOutsideTheVaultIsAnErrorNamingItsScope() throws Exception {
        sqlite.catalog().putPolicy(new StoredPolicy(PolicyScope.VAULT, daily(7), T0, "admin"));
        sqlite.sql("UPDATE retention_policies SET policy = '{\"keep-dayly\": 7}'");

        assertThatThrownBy(() -> sqlite.catalog().policy(PolicyScope.VAULT))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("retention policy of vault cannot be read");
    }
}
