package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.configvault.vault.config.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The self-test's verdicts, one missing capability at a time (the real store: StoreSelfTestIT). */
class StoreSelfTestTest {

    static final String FAILED = "Cannot start vault: S3 self-test failed: ";
    static final long GIB = 1L << 30;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00.250Z"),
            ZoneOffset.UTC);
    /** The probes' retain-until: a minute on, rounded up to a whole second. */
    static final Instant PROBE_UNTIL = Instant.parse("2026-11-22T10:01:01Z");

    @TempDir
    Path spool;
    MisbehavingStore store = new MisbehavingStore();

    static S3Settings settings(String objectLock, String checksums) {
        return new S3Settings(null, "us-east-1", "vault", true, null, null, checksums, null, null,
                64L << 20, 16L << 20, objectLock, "");
    }

    List<String> run(S3Settings settings) {
        return new StoreSelfTest(store, settings, GIB, spool, CLOCK).run();
    }

    void assertFails(String message) throws Exception {
        assertThatThrownBy(() -> run(settings("off", "when-required")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(FAILED + message);
        assertClean();
    }

    void assertClean() throws Exception {
        assertThat(store.store.size()).as("objects left behind").isZero();
        assertThat(store.versions).as("versions left behind").isEmpty();
        try (var files = Files.list(spool)) {
            assertThat(files).as("scratch files left behind").isEmpty();
        }
    }

    @Test
    void aCapableStorePassesAndNothingIsLeft() throws Exception {
        store.objectLock = true;

        List<String> checked = run(settings("required", "when-supported"));

        assertThat(checked).containsExactly("put", "head (size, user metadata)",
                "get (content equal)", "list", "conditional put (412)",
                "conditional multipart completion (412)", "delete", "Object Lock enabled",
                "Object Lock retention read back (GOVERNANCE, retain-until)",
                "legal hold on and off read back",
                "checksums: request when-supported, response when-supported");
        assertThat(store.lockedWrites).hasSize(2).allMatch(key -> key.startsWith("selftest/"))
                .anyMatch(key -> key.endsWith("-lock"))
                .anyMatch(key -> key.endsWith("-lock-multipart"));
        assertThat(store.holds).as("the legal hold is off again").containsOnlyKeys(
                store.lockedWrites.getFirst()).containsValue(false);
        assertClean();
    }

    @Test
    void aRetriedCreateAnswered412IsRecognisedAsItsOwnWrite() throws Exception {
        store.loseFirstResponse = true;

        List<String> checked = run(settings("off", "when-required"));

        assertThat(checked).startsWith("put", "head (size, user metadata)",
                "get (content equal)", "list", "conditional put (412)");
        assertClean();
    }

    @Test
    void aCreateOfANewKeyAnswered412WithNothingStoredFails() throws Exception {
        store.preconditionFailsAlways = true;
        assertFails("bucket 'vault' answered 412 to a create of the new key selftest/");
    }

    @Test
    void ignoredConditionalWritesFail() throws Exception {
        store.ignoreConditionalWrites = true;
        assertFails("bucket 'vault' ignores If-None-Match (conditional writes), which the vault"
                + " relies on for exactly-once storage: a second create of selftest/");
    }

    @Test
    void refusedConditionalWritesFail() throws Exception {
        store.refuseConditionalWrites = true;
        assertFails("bucket 'vault' does not support If-None-Match (conditional writes), which"
                + " the vault relies on for exactly-once storage (Cannot store object selftest/");
    }

    @Test
    void ignoredConditionalMultipartCompletionFailsNamingTheThreshold() throws Exception {
        store.ignoreConditionalCompletion = true;
        assertFails("bucket 'vault' ignores If-None-Match on CompleteMultipartUpload (conditional"
                + " multipart writes), which the vault relies on for exactly-once storage of"
                + " objects of at least vault.s3.multipart-threshold=67108864 bytes");
    }

    @Test
    void droppedMetadataFailsNamingRebuildCatalog() throws Exception {
        store.dropMetadata = true;
        assertFails("bucket 'vault' does not keep user metadata (x-amz-meta-*), which"
                + " rebuild-catalog relies on to rebuild the catalog from the bucket");
    }

    @Test
    void otherBytesOnReadFail() throws Exception {
        store.corruptReads = true;
        assertFails("bucket 'vault' returned other bytes than were written");
    }

    @Test
    void anObjectMissingFromTheListingFails() throws Exception {
        store.hideFromListings = true;
        assertFails("bucket 'vault' does not list the object it just wrote (listed [])");
    }

    @Test
    void anObjectThatSurvivesItsDeleteFails() throws Exception {
        store.ignoreDeletes = true;

        assertThatThrownBy(() -> run(settings("off", "when-required")))
                .hasMessageStartingWith(FAILED + "bucket 'vault' still shows selftest/")
                .hasMessageEndingWith(" after deleting it");
        assertThat(store.store.size()).as("a store that ignores deletes keeps them").isEqualTo(2);
    }

    @Test
    void aRefusedWriteFailsWithAChecksumHintWhenTheSdkSendsFlexibleChecksums() {
        store.refuseWrites = new StoreException("Cannot store object x: bucket 'vault' answered"
                + " 400 InvalidArgument");

        assertThatThrownBy(() -> run(settings("off", "when-supported")))
                .hasMessage(FAILED + "cannot write to bucket 'vault' (if the server rejects the"
                        + " SDK's checksum headers, set vault.s3.request-checksum-calculation="
                        + "when-required): Cannot store object x: bucket 'vault' answered 400"
                        + " InvalidArgument");
        assertThatThrownBy(() -> run(settings("off", "when-required")))
                .hasMessage(FAILED + "cannot write to bucket 'vault': Cannot store object x:"
                        + " bucket 'vault' answered 400 InvalidArgument");
    }

    @Test
    void objectLockRequiredWithoutItFailsNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> run(settings("required", "when-required")))
                .hasMessage(FAILED + "vault.s3.object-lock=required but bucket 'vault' has no"
                        + " Object Lock (GetObjectLockConfiguration answered 404"
                        + " ObjectLockConfigurationNotFoundError); use a bucket created with"
                        + " Object Lock, or set vault.s3.object-lock=off");
        assertClean();
        assertThat(run(settings("off", "when-required")))
                .contains("Object Lock not required (vault.s3.object-lock=off)");
    }

    // --- Object Lock (vault.s3.object-lock=required on a bucket that has it) ---

    void assertLockFails(String message) throws Exception {
        store.objectLock = true;
        assertThatThrownBy(() -> run(settings("required", "when-required")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("\\Q" + FAILED + "\\E.*")
                .satisfies(e -> assertThat(e.getMessage().substring(FAILED.length())
                        .replaceAll("selftest/[0-9a-f]{16}", "selftest/ID")).isEqualTo(message));
        assertClean();
    }

    @Test
    void aStoreThatAcceptsLockHeadersButDoesNotKeepThemFails() throws Exception {
        store.forgetLocks = true;
        assertLockFails("bucket 'vault' accepted a write of selftest/ID-lock with Object Lock"
                + " retention (GOVERNANCE until " + PROBE_UNTIL + ") but HEAD answers mode null,"
                + " retain-until null: it does not keep Object Lock retention, which"
                + " vault.s3.object-lock=required relies on to keep snapshots from being deleted"
                + " early (AWS reports it only to credentials with s3:GetObjectRetention); use a"
                + " bucket on a store that supports Object Lock, or set vault.s3.object-lock=off");
    }

    @Test
    void aStoreThatDropsTheLockOfMultipartUploadsFailsNamingTheThreshold() throws Exception {
        store.forgetMultipartLocks = true;
        assertLockFails("bucket 'vault' accepted a write of selftest/ID-lock-multipart with Object"
                + " Lock retention (GOVERNANCE until " + PROBE_UNTIL + ") in a multipart upload"
                + " (which objects of at least vault.s3.multipart-threshold=67108864 bytes use)"
                + " but HEAD answers mode null, retain-until null: it does not keep Object Lock"
                + " retention, which vault.s3.object-lock=required relies on to keep snapshots"
                + " from being deleted early (AWS reports it only to credentials with"
                + " s3:GetObjectRetention); use a bucket on a store that supports Object Lock,"
                + " or set vault.s3.object-lock=off");
    }

    @Test
    void aRefusedRetentionFailsWithAClockHint() throws Exception {
        store.refuseLockedWrites = new StoreException("Cannot store object x: bucket 'vault'"
                + " answered 400 InvalidArgument");
        assertLockFails("cannot write an object with Object Lock retention (GOVERNANCE until "
                + PROBE_UNTIL + ") to bucket 'vault', which vault.s3.object-lock=required needs"
                + " (a store refuses a retain-until that is past on its own clock: check the"
                + " vault's clock): Cannot store object x: bucket 'vault' answered 400"
                + " InvalidArgument");
    }

    @Test
    void aStoreThatForgetsLegalHoldsFails() throws Exception {
        store.forgetLegalHolds = true;
        assertLockFails("bucket 'vault' accepted a legal hold on selftest/ID-lock but HEAD does"
                + " not report it: it does not keep legal holds, which holds on snapshots need"
                + " with vault.s3.object-lock=required (AWS reports it only to credentials with"
                + " s3:GetObjectLegalHold); use a bucket on a store that supports Object Lock, or"
                + " set vault.s3.object-lock=off");
    }

    @Test
    void aStoreWithoutLegalHoldsFails() throws Exception {
        store.refuseLegalHolds = true;
        assertLockFails("cannot turn on a legal hold in bucket 'vault', which holds on snapshots"
                + " need with vault.s3.object-lock=required: Cannot turn on the legal hold of"
                + " object selftest/ID-lock: bucket 'vault' answered 501 NotImplemented");
    }

    @Test
    void aLegalHoldThatCannotBeReleasedFailsNamingTheProbe() {
        store.objectLock = true;
        store.refuseLegalHoldRelease = true;

        assertThatThrownBy(() -> run(settings("required", "when-required")))
                .hasMessageMatching("\\Q" + FAILED + "cannot turn off the legal hold it put on"
                        + " selftest/\\E[0-9a-f]{16}\\Q-lock in bucket 'vault' (turn it off by"
                        + " hand to let the probe be deleted): Cannot turn off the legal hold of"
                        + " object selftest/\\E.*");
    }

    @Test
    void withoutTheRightToBypassGovernanceTheLockedProbesStayUntilTheirRetainUntil()
            throws Exception {
        store.objectLock = true;
        store.refuseBypass = true;
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(StoreSelfTest.class);
        logger.addAppender(log);
        try {
            run(settings("required", "when-required"));
        } finally {
            logger.detachAppender(log);
        }

        assertThat(store.store.size()).as("every probe is deleted from view").isZero();
        assertThat(store.versions).as("only the locked probes' versions stay")
                .containsExactlyInAnyOrderElementsOf(store.lockedWrites);
        assertThat(log.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("INFO");
            assertThat(event.getFormattedMessage()).matches("\\QS3 self-test leaves its Object"
                    + " Lock probes selftest/\\E[0-9a-f]{16}\\Q* in bucket 'vault' until "
                    + PROBE_UNTIL + ", when the bucket's lifecycle rule for noncurrent versions"
                    + " can remove them (Cannot delete version 1 of object selftest/\\E.*");
        });
    }
}
