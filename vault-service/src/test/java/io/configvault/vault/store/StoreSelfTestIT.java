package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The startup self-test against the real S3 server (s3proxy 4.1.0, filesystem backend), through
 * the store factory exactly as the vault runs it; faults through {@link S3FaultProxy}.
 */
@ExtendWith(StackExtension.class)
class StoreSelfTestIT {

    static final String BUCKET = "selftest-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final String FAILED = "Cannot start vault: S3 self-test failed: ";

    static LocalStack stack;
    @TempDir
    Path dir;
    String prefix;
    S3FaultProxy proxy;
    S3Client client;
    ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    static void bucket(LocalStack localStack) {
        stack = localStack;
        stack.s3().createBucket(BUCKET);
    }

    @BeforeEach
    void start() throws Exception {
        prefix = "st-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        proxy = S3FaultProxy.start(stack.s3().endpoint(), stack.s3().accessKey(),
                stack.s3().secretKey(), stack.s3().region());
        log.start();
        ((Logger) LoggerFactory.getLogger(S3StoreFactory.class)).addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger(S3StoreFactory.class)).detachAppender(log);
        if (client != null) {
            client.close();
        }
        proxy.close();
    }

    private S3TestSettings settings() {
        return S3TestSettings.of(stack.s3(), BUCKET).endpoint(proxy.endpoint()).prefix(prefix);
    }

    /** What the vault does when it creates its BlobStore bean. */
    private BlobStore open(S3Settings settings) {
        StorageSettings storage = new StorageSettings(dir.resolve("catalog.db"),
                dir.resolve("spool"), 1 << 30);
        S3StoreFactory factory = new S3StoreFactory();
        client = factory.s3Client(settings, storage);
        return factory.blobStore(client, settings, storage, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    @ParameterizedTest
    @CsvSource({"when-required, when-required", "when-supported, when-supported"})
    void passesAgainstTheRealStoreLogsWhatItCheckedAndLeavesNothingBehind(String request,
                                                                         String response)
            throws Exception {
        BlobStore store = open(settings().checksums(request, response).build());

        assertThat(store).isInstanceOf(MeteredBlobStore.class);
        assertThat(log.list).hasSize(1);
        assertThat(log.list.getFirst().getLevel().toString()).isEqualTo("INFO");
        assertThat(log.list.getFirst().getFormattedMessage()).isEqualTo(
                "S3 self-test passed on bucket '" + BUCKET + "' at " + proxy.endpoint()
                        + " (prefix '" + prefix + "'): put, head (size, user metadata),"
                        + " get (content equal), list, conditional put (412), conditional"
                        + " multipart completion (412), delete, Object Lock not required"
                        + " (vault.s3.object-lock=off), checksums: request " + request
                        + ", response " + response);
        assertThat(log.list.getFirst().getFormattedMessage())
                .doesNotContain(stack.s3().secretKey());
        assertThat(proxy.requests()).anyMatch(line -> line.startsWith("POST /" + BUCKET + "/"
                + prefix + "selftest/") && line.contains("uploadId="));
        try (S3Client raw = stack.s3Client()) {
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents())
                    .isEmpty();
            assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads())
                    .isEmpty();
        }
        try (var files = Files.list(dir.resolve("spool"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void objectLockRequiredOnABucketWithoutItStopsTheVault() {
        assertThatThrownBy(() -> open(settings().objectLock("required").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(FAILED + "vault.s3.object-lock=required but bucket '" + BUCKET
                        + "' has no Object Lock (GetObjectLockConfiguration answered 501"
                        + " NotImplemented); use a bucket created with Object Lock, or set"
                        + " vault.s3.object-lock=off");
        assertNothingLeft();
    }

    /**
     * A store that answers that the bucket has Object Lock and accepts the lock headers, but keeps
     * no lock: the proxy answers the configuration and strips the headers on the way to s3proxy.
     */
    @Test
    void aStoreThatAcceptsLockHeadersButDoesNotKeepThemStopsTheVault() {
        proxy.answer(line -> line.startsWith("GET ") && line.contains("?object-lock"), 200,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ObjectLockConfiguration"
                        + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><ObjectLockEnabled>"
                        + "Enabled</ObjectLockEnabled></ObjectLockConfiguration>");
        proxy.stripObjectLock();
        Instant before = Instant.now();

        assertThatThrownBy(() -> open(settings().objectLock("required").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("\\Q" + FAILED + "bucket '" + BUCKET + "' accepted a write of"
                        + " selftest/\\E[0-9a-f]{16}\\Q-lock with Object Lock retention"
                        + " (GOVERNANCE until \\E[0-9T:-]+Z\\Q) but HEAD answers mode null,"
                        + " retain-until null: it does not keep Object Lock retention, which"
                        + " vault.s3.object-lock=required relies on to keep snapshots from being"
                        + " deleted early (AWS reports it only to credentials with"
                        + " s3:GetObjectRetention); use a bucket on a store that supports Object"
                        + " Lock, or set vault.s3.object-lock=off\\E");

        S3FaultProxy.Recorded put = proxy.recorded().stream()
                .filter(r -> r.requestLine().startsWith("PUT ")
                        && r.requestLine().contains("-lock ")).findFirst().orElseThrow();
        assertThat(put.header("x-amz-object-lock-mode")).isEqualTo("GOVERNANCE");
        assertThat(Instant.parse(put.header("x-amz-object-lock-retain-until-date")))
                .isBetween(before.plusSeconds(60), Instant.now().plusSeconds(62));
        assertNothingLeft();
    }

    @Test
    void aStoreIgnoringConditionalWritesStopsTheVault() {
        proxy.stripIfNoneMatch();

        assertThatThrownBy(() -> open(settings().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(FAILED + "bucket '" + BUCKET + "' ignores If-None-Match"
                        + " (conditional writes), which the vault relies on for exactly-once"
                        + " storage: a second create of selftest/");
        assertNothingLeft();
    }

    @Test
    void aStoreIgnoringConditionalMultipartCompletionStopsTheVaultNamingTheThreshold() {
        proxy.stripIfNoneMatch(line -> line.startsWith("POST ") && line.contains("uploadId="));

        assertThatThrownBy(() -> open(settings().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(FAILED + "bucket '" + BUCKET + "' ignores If-None-Match on"
                        + " CompleteMultipartUpload (conditional multipart writes), which the"
                        + " vault relies on for exactly-once storage of objects of at least"
                        + " vault.s3.multipart-threshold=67108864 bytes; or set"
                        + " vault.s3.multipart-threshold above 1074790400 (vault.max-snapshot-bytes"
                        + " + 1 MiB) so that no upload goes in parts");
        assertNothingLeft();
    }

    @Test
    void withoutMultipartUploadsTheirCompletionIsNotReliedOn() {
        proxy.stripIfNoneMatch(line -> line.startsWith("POST ") && line.contains("uploadId="));

        open(settings().multipart(S3Settings.MAX_PUT_BYTES, 16 << 20).build());

        assertThat(log.list.getFirst().getFormattedMessage()).contains("conditional put (412),"
                + " multipart not used (vault.s3.multipart-threshold is above the largest"
                + " object), delete");
        assertThat(proxy.requests()).noneMatch(line -> line.contains("uploadId="));
    }

    @Test
    void aMissingBucketStopsTheVaultNamingTheSetting() {
        assertThatThrownBy(() -> open(settings().bucket("no-such-bucket").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start vault: bucket 'no-such-bucket' does not exist (404);"
                        + " create it or fix vault.s3.bucket");
    }

    @Test
    void wrongCredentialsStopTheVaultWithoutShowingThem() {
        assertThatThrownBy(() -> open(settings().secretKey("not-the-secret-key").build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot start vault: access to bucket '" + BUCKET + "' is denied"
                        + " (403): check the credentials (vault.s3.access-key-id and"
                        + " vault.s3.secret-access-key, or the SDK's default chain when they are"
                        + " not set) and the bucket's policy")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret-key")
                        .doesNotContain(stack.s3().accessKey()));
    }

    @Test
    void anUnreachableStoreStopsTheVaultNamingTheEndpoint() throws Exception {
        proxy.close();

        assertThatThrownBy(() -> open(settings().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Cannot start vault: bucket '" + BUCKET + "' cannot be"
                        + " reached at " + proxy.endpoint() + " (check vault.s3.endpoint");
    }

    private void assertNothingLeft() {
        try (S3Client raw = stack.s3Client()) {
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents())
                    .as("the self-test removes its objects when it fails too").isEmpty();
            assertThat(raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads())
                    .isEmpty();
        }
    }
}
