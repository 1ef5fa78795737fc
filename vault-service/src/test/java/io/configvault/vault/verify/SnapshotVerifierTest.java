package io.configvault.vault.verify;

import static io.configvault.vault.verify.DrillFixture.MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.catalog.Verification.Outcome;
import io.configvault.vault.catalog.Verification.Trigger;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.ObjectLockRequest;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.testing.SqliteSnapshots.Db;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class SnapshotVerifierTest {

    @TempDir
    Path dir;

    DrillFixture vault;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void vault() throws Exception {
        vault = new DrillFixture(dir);
        logs.start();
        ((Logger) LoggerFactory.getLogger("io.configvault.vault")).addAppender(logs);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger("io.configvault.vault")).detachAppender(logs);
    }

    @Test
    void aSoundSnapshotVerifiesWithEvidenceRecordedAndCounted() throws Exception {
        SnapshotRecord snapshot = vault.store("nas-1", Db.SOUND);
        vault.clock.advance(Duration.ofMinutes(5));

        Verification verification = vault.verifier.verify(snapshot, Trigger.API);

        assertThat(verification.outcome()).isEqualTo(Outcome.OK);
        assertThat(verification.verifiedAt()).isEqualTo(DrillFixture.T0.plusSeconds(300));
        assertThat(verification.evidence())
                .contains("stored object " + snapshot.storedBytes() + " bytes decrypted")
                .contains("storage-key signature valid")
                .contains("SHA-256 " + snapshot.bundleSha256() + " as in the catalog")
                .contains("appliance nas-1 and snapshot " + snapshot.id())
                .contains("2 entries")
                .contains("every SHA-256 matches the manifest")
                .containsPattern("SQLite config\\.db \\(\\d+ bytes\\): integrity_check ok");
        assertNothingLeaks(verification.evidence(), snapshot);
        assertThat(vault.catalog.latestVerification(snapshot.id())).contains(verification);
        assertThat(vault.counter(Outcome.OK, Trigger.API)).isEqualTo(1);
        assertThat(vault.counter(Outcome.FAILED, Trigger.API)).isZero();
        assertThat(vault.failingGauge()).isZero();
        assertThat(vault.spoolFiles()).isEmpty();
        assertThat(alarms()).isEmpty();
    }

    @Test
    void aFlippedByteFailsWithAnIntegrityReasonAndRaisesTheAlarmOnce() throws Exception {
        SnapshotRecord snapshot = vault.store("nas-1", Db.SOUND);
        vault.flipByte(snapshot);

        Verification verification = vault.verifier.verify(snapshot, Trigger.SAMPLER);

        assertThat(verification.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verification.evidence()).containsIgnoringCase("integrity");
        assertNothingLeaks(verification.evidence(), snapshot);
        assertThat(vault.catalog.latestVerification(snapshot.id())).contains(verification);
        assertThat(vault.counter(Outcome.FAILED, Trigger.SAMPLER)).isEqualTo(1);
        assertThat(vault.failingGauge()).isEqualTo(1);
        assertThat(vault.spoolFiles()).isEmpty();
        assertThat(alarms()).singleElement().satisfies(line -> assertThat(line)
                .contains("snapshot " + snapshot.id() + " of appliance nas-1 failed"
                        + " verification: " + verification.evidence()));
    }

    @Test
    void swappedObjectsAreBothDetected() throws Exception {
        SnapshotRecord a = vault.store("nas-1", Db.SOUND);
        SnapshotRecord b = vault.store("nas-2", Db.SOUND);
        byte[] bytesOfA = vault.object(a);
        vault.store.tamper(a.objectKey(), vault.object(b));
        vault.store.tamper(b.objectKey(), bytesOfA);

        Verification ofA = vault.verifier.verify(a, Trigger.API);
        Verification ofB = vault.verifier.verify(b, Trigger.API);

        assertThat(ofA.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ofB.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ofA.evidence())
                .isEqualTo("integrity check failed: object digest differs from the catalog");
        assertThat(vault.failingGauge()).isEqualTo(2);
    }

    @Test
    void aSqliteEntryThatFailsIntegrityCheckFailsTheSnapshotWithTheAlarm() throws Exception {
        SnapshotRecord snapshot = vault.store("nas-1", Db.CORRUPT);

        Verification verification = vault.verifier.verify(snapshot, Trigger.SAMPLER);

        assertThat(verification.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verification.evidence()).contains("every SHA-256 matches the manifest")
                .containsPattern("SQLite config\\.db \\(\\d+ bytes\\): integrity_check: .+");
        assertNothingLeaks(verification.evidence(), snapshot);
        assertThat(alarms()).singleElement().satisfies(line -> assertThat(line).startsWith(
                "ALARM: snapshot " + snapshot.id() + " of appliance nas-1 failed verification:"
                        + " SQLite entry config.db fails integrity_check: "));
        assertThat(vault.spoolFiles()).isEmpty();
    }

    @Test
    void aSqliteEntryThatIsNoDatabaseFails() throws Exception {
        SnapshotRecord snapshot = vault.store("nas-1", Db.NOT_A_DATABASE);

        Verification verification = vault.verifier.verify(snapshot, Trigger.API);

        assertThat(verification.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verification.evidence()).contains("integrity_check: not a SQLite database");
        assertNothingLeaks(verification.evidence(), snapshot);
    }

    @Test
    void aMissingObjectFailsWithoutNamingItsKey() throws Exception {
        SnapshotRecord stored = vault.store("nas-1", Db.SOUND);
        SnapshotRecord gone = new SnapshotRecord(stored.id(), stored.applianceId(),
                stored.fleet(), stored.sequence(), stored.trigger(), stored.capturedAt(),
                stored.timeZone(), stored.label(), stored.restorable(), stored.bundleBytes(),
                stored.bundleSha256(), stored.storedBytes(), stored.storedSha256(),
                stored.objectKey() + ".gone", stored.storageKey(), stored.storedAt(), null,
                null);

        Verification verification = vault.verifier.verify(gone, Trigger.API);

        assertThat(verification.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verification.evidence())
                .isEqualTo("the stored object is missing from the bucket");
        assertThat(alarms()).singleElement().satisfies(line -> assertThat(line)
                .doesNotContain(gone.objectKey()).endsWith(verification.evidence()));
    }

    @Test
    void aSnapshotRetentionDeletesDuringTheDrillIsNoFailure() throws Exception {
        SnapshotRecord snapshot = vault.store("nas-1", Db.SOUND);
        SnapshotVerifier verifier = vault.verifier(new RetentionMidDrill(vault, snapshot),
                vault.spool);

        assertThatThrownBy(() -> verifier.verify(snapshot, Trigger.SAMPLER))
                .isInstanceOf(SnapshotGoneException.class)
                .hasMessage("Cannot verify snapshot " + snapshot.id() + " of appliance nas-1:"
                        + " it was deleted (by retention) while it was being verified");

        assertThat(vault.catalog.latestVerification(snapshot.id())).isEmpty();
        assertThat(vault.counter(Outcome.FAILED, Trigger.SAMPLER)).isZero();
        assertThat(alarms()).isEmpty();
    }

    /**
     * A bucket in which retention deletes one snapshot (tombstone, then the object) just as a
     * drill starts to download it.
     */
    static final class RetentionMidDrill implements BlobStore {
        private final DrillFixture vault;
        private final SnapshotRecord victim;

        RetentionMidDrill(DrillFixture vault, SnapshotRecord victim) {
            this.vault = vault;
            this.victim = victim;
        }

        @Override
        public PutOutcome create(String key, Path file, String md5Base64,
                                 Map<String, String> metadata, ObjectLockRequest lock)
                throws StoreException {
            return vault.store.create(key, file, md5Base64, metadata, lock);
        }

        @Override
        public Optional<BlobInfo> head(String key) {
            return vault.store.head(key);
        }

        @Override
        public java.io.InputStream open(String key) throws StoreException {
            if (key.equals(victim.objectKey())) {
                try {
                    vault.catalog.tombstone(List.of(new PruneCatalog.Deletion(victim.id(),
                            "retention", "test")), vault.clock.instant());
                } catch (CatalogException e) {
                    throw new AssertionError(e);
                }
                vault.store.delete(key);
            }
            return vault.store.open(key);
        }

        @Override
        public Page list(String keyPrefix, String startAfter, int limit) {
            return vault.store.list(keyPrefix, startAfter, limit);
        }

        @Override
        public void delete(String key) throws StoreException {
            vault.store.delete(key);
        }
    }

    @Test
    void anUnreachableBucketRecordsAndCountsNothing() throws Exception {
        SnapshotRecord snapshot = vault.store("nas-1", Db.SOUND);
        SnapshotVerifier offline = vault.verifier(DrillFixture.unreachableStore(), vault.spool);

        assertThatThrownBy(() -> offline.verify(snapshot, Trigger.API))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("Cannot reach bucket 'vault' (test)");

        assertThat(vault.catalog.latestVerification(snapshot.id())).isEmpty();
        assertThat(vault.counter(Outcome.FAILED, Trigger.API)).isZero();
        assertThat(alarms()).isEmpty();
    }

    @Test
    void anUnusableSpoolIsTheVaultsErrorNotTheSnapshots() throws Exception {
        SnapshotRecord snapshot = vault.store("nas-1", Db.SOUND);
        Path notADirectory = Files.writeString(dir.resolve("spool-file"), "x");
        SnapshotVerifier broken = vault.verifier(vault.store, notADirectory);

        assertThatThrownBy(() -> broken.verify(snapshot, Trigger.API))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("spool-file");

        assertThat(vault.catalog.latestVerification(snapshot.id())).isEmpty();
    }

    private java.util.List<String> alarms() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("ALARM:")).toList();
    }

    /** No plaintext and no object key in evidence or in any log line. */
    private void assertNothingLeaks(String evidence, SnapshotRecord snapshot) {
        assertThat(evidence).doesNotContain(MARKER).doesNotContain(snapshot.objectKey());
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain(MARKER).doesNotContain(snapshot.objectKey()));
    }
}
