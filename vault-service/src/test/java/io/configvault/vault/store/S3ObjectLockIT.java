package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the S3 store sends and reads back for Object Lock, against the real S3 server. s3proxy
 * (filesystem backend) has no Object Lock — it answers 501 to every lock header — and S3Mock,
 * which keeps lock settings, ignores the lock headers of PutObject and returns none on HEAD
 * (checked with 4.11.0), so neither can show a lock round trip. Instead {@link S3FaultProxy}
 * records each request as the SDK sent it and forwards it without the lock headers (signed
 * again), so the object really is stored; it adds the lock fields to HEAD answers to check the
 * SDK's parsing of them, and answers the calls s3proxy lacks (legal hold, version listing).
 */
@ExtendWith(StackExtension.class)
class S3ObjectLockIT {

    static final String BUCKET = "objectlock-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final long MIB = 1 << 20;
    static final Instant UNTIL = Instant.parse("2031-01-02T03:04:05Z");
    static final ObjectLockRequest COMPLIANCE =
            new ObjectLockRequest(ObjectLockRequest.Mode.COMPLIANCE, UNTIL);

    static LocalStack stack;
    @TempDir
    Path dir;
    String prefix;
    S3FaultProxy proxy;
    S3Client client;
    S3BlobStore store;

    @BeforeAll
    static void bucket(LocalStack localStack) {
        stack = localStack;
        stack.s3().createBucket(BUCKET);
    }

    @BeforeEach
    void open() throws Exception {
        prefix = "ol-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        proxy = S3FaultProxy.start(stack.s3().endpoint(), stack.s3().accessKey(),
                stack.s3().secretKey(), stack.s3().region());
        proxy.stripObjectLock();
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

    @Test
    void putObjectCarriesModeRetainUntilAndContentMd5AndTheObjectIsStored() throws Exception {
        Path file = randomFile("a", 1000);
        String md5 = BlobStoreContract.md5(file);

        assertThat(store.create("lock/a", file, md5, Map.of("cv-test", "1"), COMPLIANCE))
                .isEqualTo(new BlobStore.PutOutcome.Created("lock/a"));

        S3FaultProxy.Recorded put = only("PUT /" + BUCKET + "/" + prefix + "lock/a ");
        assertThat(put.header("x-amz-object-lock-mode")).isEqualTo("COMPLIANCE");
        assertThat(put.header("x-amz-object-lock-retain-until-date"))
                .isEqualTo("2031-01-02T03:04:05Z");
        assertThat(put.header("content-md5")).isEqualTo(md5);
        assertThat(put.header("if-none-match")).isEqualTo("*");
        Path back = dir.resolve("back");
        store.download("lock/a", back);
        assertThat(Files.mismatch(file, back)).isEqualTo(-1);
    }

    @Test
    void aMultipartUploadCarriesTheLockOnItsCreationAndContentMd5OnEveryPart() throws Exception {
        open(settings().multipart(5 * MIB, 5 * MIB).build());
        Path big = randomFile("big", 5 * MIB + 1);
        ObjectLockRequest governance =
                new ObjectLockRequest(ObjectLockRequest.Mode.GOVERNANCE, UNTIL);

        assertThat(store.create("lock/big", big, BlobStoreContract.md5(big), Map.of(), governance))
                .isEqualTo(new BlobStore.PutOutcome.Created("lock/big"));

        S3FaultProxy.Recorded start = only("POST /" + BUCKET + "/" + prefix + "lock/big?uploads");
        assertThat(start.header("x-amz-object-lock-mode")).isEqualTo("GOVERNANCE");
        assertThat(start.header("x-amz-object-lock-retain-until-date"))
                .isEqualTo("2031-01-02T03:04:05Z");
        List<S3FaultProxy.Recorded> parts = proxy.recorded().stream()
                .filter(r -> r.requestLine().startsWith("PUT ")
                        && r.requestLine().contains("partNumber=")).toList();
        assertThat(parts).hasSize(2).allSatisfy(part -> assertThat(part.header("content-md5"))
                .as("S3 requires Content-MD5 (or a checksum) on uploads with a lock")
                .isNotBlank());
        assertThat(store.head("lock/big")).hasValueSatisfying(
                info -> assertThat(info.size()).isEqualTo(5 * MIB + 1));
    }

    @Test
    void withoutALockNoLockHeaderIsSent() throws Exception {
        Path file = randomFile("plain", 100);
        store.create("plain/a", file, BlobStoreContract.md5(file), Map.of(), null);
        store.createInParts("plain/b", file, Map.of(), null);

        assertThat(proxy.recorded()).isNotEmpty().allSatisfy(r -> assertThat(r.headers())
                .doesNotContainKeys("x-amz-object-lock-mode",
                        "x-amz-object-lock-retain-until-date"));
    }

    @Test
    void headReadsModeRetainUntilAndLegalHoldBack() throws Exception {
        Path file = randomFile("a", 10);
        store.create("lock/h", file, BlobStoreContract.md5(file), Map.of(), COMPLIANCE);
        proxy.addResponseHeaders(line -> line.startsWith("HEAD /" + BUCKET + "/" + prefix
                + "lock/h "), Map.of("x-amz-object-lock-mode", "COMPLIANCE",
                "x-amz-object-lock-retain-until-date", "2031-01-02T03:04:05.000Z",
                "x-amz-object-lock-legal-hold", "ON"));

        assertThat(store.head("lock/h")).hasValueSatisfying(info -> {
            assertThat(info.size()).isEqualTo(10);
            assertThat(info.lock()).isEqualTo(new BlobStore.LockStatus(
                    ObjectLockRequest.Mode.COMPLIANCE, UNTIL, true));
        });
        store.create("lock/u", file, BlobStoreContract.md5(file), Map.of(), null);
        assertThat(store.head("lock/u").orElseThrow().lock())
                .as("what s3proxy itself answers").isEqualTo(BlobStore.LockStatus.NONE);
    }

    @Test
    void aLegalHoldIsPutLegalHoldWithStatusOnOrOff() throws Exception {
        proxy.answer(line -> line.contains("?legal-hold"), 200, "");

        store.legalHold("lock/a", true);
        store.legalHold("lock/a", false);

        List<S3FaultProxy.Recorded> holds = proxy.recorded().stream()
                .filter(r -> r.requestLine().contains("legal-hold")).toList();
        assertThat(holds).extracting(S3FaultProxy.Recorded::requestLine).containsExactly(
                "PUT /" + BUCKET + "/" + prefix + "lock/a?legal-hold HTTP/1.1",
                "PUT /" + BUCKET + "/" + prefix + "lock/a?legal-hold HTTP/1.1");
        assertThat(holds.get(0).bodyText()).contains("<Status>ON</Status>");
        assertThat(holds.get(1).bodyText()).contains("<Status>OFF</Status>");
        assertThat(holds).allSatisfy(r -> assertThat(r.headers().keySet())
                .as("S3 requires Content-MD5 or a checksum on PutObjectLegalHold")
                .anyMatch(name -> name.equals("content-md5")
                        || name.startsWith("x-amz-checksum-")));
    }

    @Test
    void aStoreWithoutLegalHoldsRefusesForGoodAndOtherAnswersAreSortedAsEverywhere()
            throws Exception {
        Path file = randomFile("a", 10);
        store.create("lock/a", file, BlobStoreContract.md5(file), Map.of(), null);

        assertThatThrownBy(() -> store.legalHold("lock/a", true))
                .as("s3proxy itself").isExactlyInstanceOf(StoreException.class)
                .hasMessage("Cannot turn on the legal hold of object lock/a: bucket '" + BUCKET
                        + "' answered 501 NotImplemented");
        proxy.answer(line -> line.contains("?legal-hold"), 404, error("NoSuchKey"));
        assertThatThrownBy(() -> store.legalHold("lock/none", false))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessage("Cannot turn off the legal hold of object lock/none: bucket '"
                        + BUCKET + "' answered 404 NoSuchKey");
        proxy.answer(line -> line.contains("?legal-hold"), 403, error("AccessDenied"));
        assertThatThrownBy(() -> store.legalHold("lock/a", true))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageEndingWith("answered 403 AccessDenied");
        proxy.answer(line -> line.contains("?legal-hold"), 503, error("SlowDown"));
        assertThatThrownBy(() -> store.legalHold("lock/a", true))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageEndingWith("answered 503 SlowDown");
    }

    @Test
    void removingEveryVersionDeletesEachVersionAndDeleteMarkerBypassingGovernance()
            throws Exception {
        String key = prefix + "selftest/x-lock";
        proxy.answer(line -> line.startsWith("GET /" + BUCKET + "?versions")
                || line.startsWith("GET /" + BUCKET + "/?versions"), 200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <ListVersionsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
                <Name>%s</Name><Prefix>%sselftest/x</Prefix><MaxKeys>100</MaxKeys>
                <IsTruncated>false</IsTruncated>
                <Version><Key>%s</Key><VersionId>v1</VersionId><IsLatest>false</IsLatest>
                <LastModified>2026-11-22T10:00:00.000Z</LastModified><ETag>"e"</ETag>
                <Size>3</Size><StorageClass>STANDARD</StorageClass></Version>
                <DeleteMarker><Key>%s</Key><VersionId>v2</VersionId><IsLatest>true</IsLatest>
                <LastModified>2026-11-22T10:00:01.000Z</LastModified></DeleteMarker>
                </ListVersionsResult>""".formatted(BUCKET, prefix, key, key));
        proxy.answer(line -> line.startsWith("DELETE ") && line.contains("versionId="), 204, "");

        assertThat(store.deleteAllVersions("selftest/x")).isEqualTo(2);

        List<S3FaultProxy.Recorded> deletes = proxy.recorded().stream()
                .filter(r -> r.requestLine().startsWith("DELETE ")).toList();
        assertThat(deletes).extracting(S3FaultProxy.Recorded::requestLine).containsExactly(
                "DELETE /" + BUCKET + "/" + key + "?versionId=v1 HTTP/1.1",
                "DELETE /" + BUCKET + "/" + key + "?versionId=v2 HTTP/1.1");
        assertThat(deletes).allSatisfy(r -> assertThat(r.header(
                "x-amz-bypass-governance-retention")).isEqualTo("true"));

        proxy.answer(line -> line.startsWith("DELETE ") && line.contains("versionId=v1"), 403,
                error("AccessDenied"));
        assertThatThrownBy(() -> store.deleteAllVersions("selftest/x"))
                .as("without the right to bypass governance retention")
                .isExactlyInstanceOf(StoreException.class)
                .hasMessage("Cannot delete version v1 of object selftest/x-lock: bucket '"
                        + BUCKET + "' answered 403 AccessDenied");
        assertThat(proxy.requests()).filteredOn(line -> line.contains("versionId=v2"))
                .as("the other versions are still deleted").hasSize(2);
    }

    private S3FaultProxy.Recorded only(String requestLineStart) {
        List<S3FaultProxy.Recorded> matching = proxy.recorded().stream()
                .filter(r -> r.requestLine().startsWith(requestLineStart)).toList();
        assertThat(matching).as(requestLineStart).hasSize(1);
        return matching.getFirst();
    }

    private static String error(String code) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code>"
                + "<Message>answered by S3FaultProxy</Message></Error>";
    }

    private Path randomFile(String name, long size) throws Exception {
        byte[] bytes = new byte[(int) size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }
}
