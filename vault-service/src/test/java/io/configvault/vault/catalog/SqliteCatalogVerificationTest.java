package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.Verification.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogVerificationTest extends VerificationLogContract {

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
    VerificationLog log() {
        return catalog;
    }

    @Test
    void verificationsSurviveReopening() throws Exception {
        SnapshotRecord snapshot = store("nas-1", T0, T0);
        Verification failed = verification(snapshot, T0.plusSeconds(9), Outcome.FAILED);
        catalog.recordVerification(failed);
        catalog.close();

        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));

        assertThat(catalog.latestVerification(snapshot.id())).contains(failed);
        assertThat(catalog.failingVerificationCount()).isEqualTo(1);
    }
}
