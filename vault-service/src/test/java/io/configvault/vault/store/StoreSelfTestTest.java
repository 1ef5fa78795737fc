package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.config.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-test's verdicts, one missing capability at a time (the real store: StoreSelfTestIT). */
class StoreSelfTestTest {

    static final String FAILED = "Cannot start vault: S3 self-test failed: ";
    static final long GIB = 1L << 30;

    @TempDir
    Path spool;
    MisbehavingStore store = new MisbehavingStore();

    static S3Settings settings(String objectLock, String checksums) {
        return new S3Settings(null, "us-east-1", "vault", true, null, null, checksums, null, null,
                64L << 20, 16L << 20, objectLock, "");
    }

    List<String> run(S3Settings settings) {
        return new StoreSelfTest(store, settings, GIB, spool).run();
    }

    void assertFails(String message) throws Exception {
        assertThatThrownBy(() -> run(settings("off", "when-required")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(FAILED + message);
        assertClean();
    }

    void assertClean() throws Exception {
        assertThat(store.store.size()).as("objects left behind").isZero();
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
                "checksums: request when-supported, response when-supported");
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
}
