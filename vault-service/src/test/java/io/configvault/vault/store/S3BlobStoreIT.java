package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/** The {@link BlobStore} contract and the S3 specifics against the real S3 server (s3proxy). */
@ExtendWith(StackExtension.class)
class S3BlobStoreIT extends BlobStoreContract {

    static final String BUCKET = "blobstore-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final long MIB = 1 << 20;

    static LocalStack stack;
    String prefix;
    S3Client client;
    S3BlobStore store;
    S3FaultProxy proxy;

    @BeforeAll
    static void bucket(LocalStack localStack) {
        stack = localStack;
        stack.s3().createBucket(BUCKET);
    }

    @BeforeEach
    void newStore() throws Exception {
        prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        proxy = S3FaultProxy.start(stack.s3().endpoint(), stack.s3().accessKey(),
                stack.s3().secretKey(), stack.s3().region());
        open(settings().build());
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        proxy.close();
    }

    private S3TestSettings settings() {
        return S3TestSettings.of(stack.s3(), BUCKET).endpoint(proxy.endpoint()).prefix(prefix);
    }

    private void open(S3Settings settings) {
        if (client != null) {
            client.close();
        }
        client = new S3StoreFactory().s3Client(settings,
                new StorageSettings(dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 30));
        store = new S3BlobStore(client, settings);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Test
    void thePrefixIsInFrontOfEveryKeyInTheBucketAndNotInListings() throws Exception {
        create("p/a", "content");

        try (S3Client raw = stack.s3Client()) {
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents())
                    .extracting(o -> o.key()).containsExactly(prefix + "p/a");
        }
        assertThat(store.list("p/", null, 10).blobs())
                .containsExactly(new BlobStore.ListedBlob("p/a", 7));
        store.delete("p/a");
        try (S3Client raw = stack.s3Client()) {
            assertThat(raw.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents()).isEmpty();
        }
    }

    @Test
    void objectsAboveTheThresholdGoUpInPartsCreateOnly() throws Exception {
        open(settings().multipart(5 * MIB, 5 * MIB).build());
        Path big = randomFile("big", 11 * MIB + 17);

        BlobStore.PutOutcome first = store.create("mp/big", big, md5(big), Map.of("cv-test", "1"),
                null);
        BlobStore.PutOutcome again = store.create("mp/big", randomFile("other", 12 * MIB),
                "ignored", Map.of(), null);

        assertThat(first).isEqualTo(new BlobStore.PutOutcome.Created("mp/big"));
        assertThat(again).isEqualTo(new BlobStore.PutOutcome.AlreadyExists("mp/big"));
        assertThat(proxy.requests()).anyMatch(line -> line.startsWith("PUT ")
                && line.contains("partNumber=3"));
        assertThat(proxy.requests()).noneMatch(line -> line.contains("partNumber=4"));
        Path back = dir.resolve("back");
        store.download("mp/big", back);
        assertThat(Files.mismatch(big, back)).isEqualTo(-1);
        assertThat(store.head("mp/big")).hasValueSatisfying(
                info -> assertThat(info.metadata()).containsEntry("cv-test", "1"));
        assertThat(incompleteUploads()).as("the refused upload is aborted").isZero();
    }

    @Test
    void aPartThatCannotBeStoredAbortsTheUpload() throws Exception {
        open(settings().multipart(5 * MIB, 5 * MIB).build());
        Path big = randomFile("big", 11 * MIB);
        proxy.failRequests(line -> line.contains("partNumber=2"));

        assertThatThrownBy(() -> store.create("mp/failed", big, md5(big), Map.of(), null))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("Cannot store object mp/failed: bucket '" + BUCKET
                        + "' answered 500 InternalError");

        assertThat(incompleteUploads()).isZero();
        assertThat(store.head("mp/failed")).isEmpty();
        assertThat(proxy.requests()).anyMatch(line -> line.startsWith("DELETE ")
                && line.contains("uploadId="));
    }

    @Test
    void anUnreachableStoreIsTransientARefusalIsNot() throws Exception {
        proxy.close();
        assertThatThrownBy(() -> store.head("any"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Cannot inspect object any: bucket '" + BUCKET
                        + "' is unreachable");

        // A request without a body: a server may refuse a PUT's signature before reading its
        // body and close the connection, which the client then reports as a transport failure.
        open(S3TestSettings.of(stack.s3(), BUCKET).secretKey("wrong-secret").build());
        assertThatThrownBy(() -> store.list("any", null, 10))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessage("Cannot list objects under any: bucket '" + BUCKET
                        + "' answered 403 SignatureDoesNotMatch")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret"));
    }

    /**
     * A server that closes the connection without an answer — as s3proxy did while it was being
     * stopped mid-PUT — is a transport failure on every call; the URL-connection client reports
     * some of these as an UncheckedIOException, which once escaped and stopped the ingest loop.
     */
    @Test
    void aConnectionClosedWithoutAnswerIsTransientOnEveryCall() throws Exception {
        Path file = file("dropped", "content");
        String md5 = md5(file);
        proxy.dropRequests(line -> true);

        assertThatThrownBy(() -> store.create("dropped", file, md5, Map.of(), null))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Cannot store object dropped: bucket '" + BUCKET
                        + "' is unreachable");
        assertThatThrownBy(() -> store.head("dropped"))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.list("", null, 10))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> store.delete("dropped"))
                .isInstanceOf(StoreUnavailableException.class);
    }

    /**
     * A store that fails in the middle of an object's bytes (the connection drops after part of
     * the body): reading the stream fails with the sorted, transient store failure, and so does
     * a download; the whole object still reads back once the store recovers.
     */
    @Test
    void aStoreThatFailsInTheMiddleOfAnObjectIsTransient() throws Exception {
        Path file = randomFile("cut", 256 * 1024);
        assertThat(store.create("cut", file, md5(file), Map.of(), null))
                .isInstanceOf(BlobStore.PutOutcome.Created.class);
        proxy.cutResponses(line -> line.startsWith("GET ") && line.contains("/cut"), 1000);

        try (InputStream in = store.open("cut")) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(StoreReadException.class, e -> assertThat(
                            e.storeFailure())
                            .isInstanceOf(StoreUnavailableException.class)
                            .hasMessageStartingWith("Cannot download object cut: bucket '"
                                    + BUCKET + "' is unreachable"));
        }
        assertThatThrownBy(() -> store.download("cut", dir.resolve("cut-back")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("Cannot download object cut: bucket '" + BUCKET
                        + "' is unreachable");

        open(S3TestSettings.of(stack.s3(), BUCKET).prefix(prefix).build());
        Path back = dir.resolve("back");
        store.download("cut", back);
        assertThat(Files.mismatch(file, back)).isEqualTo(-1);
    }

    private int incompleteUploads() {
        try (S3Client raw = stack.s3Client()) {
            return raw.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix)).uploads().size();
        }
    }

    private Path randomFile(String name, long size) throws Exception {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }
}
