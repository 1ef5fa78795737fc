package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.Verification.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteCatalogVerificationTest extends VerificationLogContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    Catalog catalog() {
        return sqlite.catalog();
    }

    @Override
    VerificationLog log() {
        return sqlite.catalog();
    }

    @Test
    void verificationsSurviveReopening() throws Exception {
        SnapshotRecord snapshot = store("nas-1", T0, T0);
        Verification failed = verification(snapshot, T0.plusSeconds(9), Outcome.FAILED);
        sqlite.catalog().recordVerification(failed);
        sqlite.reopen();

        assertThat(sqlite.catalog().latestVerification(snapshot.id())).contains(failed);
        assertThat(sqlite.catalog().failingVerificationCount()).isEqualTo(1);
    }
}
