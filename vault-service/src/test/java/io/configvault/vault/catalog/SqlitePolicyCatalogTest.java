package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.StoredPolicy;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlitePolicyCatalogTest extends PolicyCatalogContract {

    @TempDir
    Path dir;

    private SqliteCatalog catalog;

    @BeforeEach
    void open() throws Exception {
        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Override
    Catalog catalog() {
        return catalog;
    }

    @Override
    PolicyCatalog policies() {
        return catalog;
    }

    @Override
    AuditLog audit() {
        return catalog;
    }

    @Test
    void policiesAndTheAuditLogSurviveReopening() throws Exception {
        StoredPolicy policy = new StoredPolicy(new PolicyScope.Appliance("nas-1"), daily(7), T0,
                "admin");
        catalog.putPolicy(policy);
        catalog.audit(T0, "admin", "policy.put", "appliance:nas-1", "ok", "");
        catalog.close();

        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));

        assertThat(catalog.policy(new PolicyScope.Appliance("nas-1"))).contains(policy);
        assertThat(catalog.recentAudit(5)).hasSize(1);
    }

    @Test
    void aPolicyRowEditedOutsideTheVaultIsAnErrorNamingItsScope() throws Exception {
        catalog.putPolicy(new StoredPolicy(PolicyScope.VAULT, daily(7), T0, "admin"));
        try (var connection = DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("catalog.db"));
             var statement = connection.createStatement()) {
            statement.execute("UPDATE retention_policies SET policy = '{\"keep-dayly\": 7}'");
        }

        assertThatThrownBy(() -> catalog.policy(PolicyScope.VAULT))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("retention policy of vault cannot be read");
    }
}
