package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.stack.StackRoot;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.testing.Runbook;
import io.configvault.vault.testing.Runbook.GnupgHome;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * QUALITY.md scenarios 25 and 26 against the real broker, the real S3 server and the real
 * {@code gpg}: an escrow key made with gpg as the runbook says, a vault that stores a snapshot,
 * rotates to a storage key made with gpg as {@code docs/vault-service.md} says and stores
 * another, then loses every storage key; both objects, fetched straight from the bucket, are
 * recovered by the runbook's own commands with only the escrow secret key.
 */
@ExtendWith(StackExtension.class)
class EscrowRecoveryIT {

    static final String NAME = "escrow-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final String BUCKET = NAME;
    static final Path DOCS = StackRoot.locate().dir().resolve("docs");

    @TempDir
    static Path dir;

    static LocalStack stack;
    static SnapshotPublisher publisher;
    static TestVault settings;
    static Keys storageA;
    static Path vaultPassphrase;
    static Path escrowPassphrase;

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        settings = new TestVault(stack, dir, NAME);
        storageA = settings.storage;
        vaultPassphrase = dir.resolve("passphrase");
        escrowPassphrase = Files.writeString(dir.resolve("escrow-passphrase"),
                "escrow passphrase kept apart from the key\n");
        publisher = new SnapshotPublisher(stack, TestVault.topic(NAME));
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void aRotatedVaultThatLosesEveryStorageKeyIsRecoveredWithTheEscrowKeyAndStockGpg()
            throws Exception {
        Path offline = Files.createDirectories(dir.resolve("offline"));
        try (GnupgHome gpg = GnupgHome.create(dir.resolve("gnupg-offline"), escrowPassphrase)) {
            gpg.run(Runbook.block(DOCS.resolve("escrow-recovery.md"), "generate-escrow-key"),
                    offline);
        }
        Path storageAFile = dir.resolve("storage.asc");

        EmbeddedServer vault = startVault(storageAFile, List.of());
        TestSnapshots.Sealed before = storeSnapshot(vault, "hostname=before-rotation");
        assertThat(Files.getPosixFilePermissions(dir.resolve("spool")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        HeadObjectResponse beforeRotation = head(before);
        assertThat(beforeRotation.metadata()).containsEntry(ObjectMetadata.STORAGE_KEY,
                storageA.publicKey().fingerprint());
        vault.getApplicationContext().close();

        Path rotation = Files.createDirectories(dir.resolve("rotation"));
        try (GnupgHome gpg = GnupgHome.create(dir.resolve("gnupg-rotation"), vaultPassphrase)) {
            gpg.run(Runbook.block(DOCS.resolve("vault-service.md"), "generate-storage-key"),
                    rotation);
        }
        Path storageBFile = rotation.resolve("storage-2025-06.sec.asc");
        String storageB = OpenPgpKeys.readPublicKey(Files.readString(
                rotation.resolve("storage-2025-06.pub.asc"))).fingerprint();

        vault = startVault(storageBFile, List.of(storageAFile));
        TestSnapshots.Sealed after = storeSnapshot(vault, "hostname=after-rotation");
        assertThat(head(after).metadata()).containsEntry(ObjectMetadata.STORAGE_KEY, storageB);
        assertThat(content(vault, before).body()).isEqualTo(before.bundle());
        assertThat(content(vault, after).body()).isEqualTo(after.bundle());
        HeadObjectResponse beforeAfterRotation = head(before);
        assertThat(beforeAfterRotation.eTag()).isEqualTo(beforeRotation.eTag());
        assertThat(beforeAfterRotation.lastModified()).isEqualTo(beforeRotation.lastModified());
        assertThat(stack.s3Client().listObjectsV2(b -> b.bucket(BUCKET)).contents()).hasSize(2);
        vault.getApplicationContext().close();

        vault = startVault(storageBFile, List.of());
        assertThat(content(vault, before).statusCode()).as("old key dropped").isEqualTo(500);
        assertThat(content(vault, after).statusCode()).isEqualTo(200);
        vault.getApplicationContext().close();

        // The worst day: every storage secret key is gone, and with it the vault.
        Files.delete(storageAFile);
        Files.delete(storageBFile);
        Throwable refused = catchThrowable(() -> startVault(storageBFile, List.of(storageAFile)));
        assertThat(causes(refused)).anySatisfy(message -> assertThat(message)
                .contains("Cannot start vault: cannot read " + storageBFile
                        + " (vault.keys.storage-secret-key-file): NoSuchFileException"));

        Path storagePublicKeys = Files.createDirectories(dir.resolve("storage-keys"));
        Files.writeString(storagePublicKeys.resolve("storage-a.pub.asc"),
                storageA.generated().armoredPublicKey());
        Files.copy(rotation.resolve("storage-2025-06.pub.asc"),
                storagePublicKeys.resolve("storage-2025-06.pub.asc"));
        recover(before, "hostname=before-rotation", offline, storagePublicKeys);
        recover(after, "hostname=after-rotation", offline, storagePublicKeys);
    }

    /** Section 2 of the runbook, in an empty directory with its own keyring. */
    private static void recover(TestSnapshots.Sealed sealed, String content, Path offline,
                                Path storagePublicKeys) throws Exception {
        Path work = Files.createDirectories(dir.resolve("recover-" + sealed.id()));
        byte[] object = stack.s3Client().getObjectAsBytes(b -> b.bucket(BUCKET)
                .key("snapshots/lab/nas-1/" + sealed.id() + ".tar.pgp")).asByteArray();
        Files.write(work.resolve("object.tar.pgp"), object);
        Files.copy(offline.resolve("escrow-secret.asc"), work.resolve("escrow-secret.asc"));
        Path keys = Files.createDirectories(work.resolve("storage-keys"));
        try (var files = Files.list(storagePublicKeys)) {
            for (Path key : files.toList()) {
                Files.copy(key, keys.resolve(key.getFileName()));
            }
        }

        String output;
        try (GnupgHome gpg = GnupgHome.create(dir.resolve("gnupg-" + sealed.id().toString()
                .substring(24)), escrowPassphrase)) {
            output = gpg.run(Runbook.block(DOCS.resolve("escrow-recovery.md"), "recover"), work);
        }

        assertThat(output).contains("Good signature from").contains("config.db: OK")
                .doesNotContain("FAILED");
        assertThat(Files.readAllBytes(work.resolve("bundle.tar"))).isEqualTo(sealed.bundle());
        assertThat(Files.readString(work.resolve("bundle/config.db"))).isEqualTo(content);
    }

    /** The test vault's settings with these storage keys and the escrow key made with gpg. */
    private static EmbeddedServer startVault(Path storageKey, List<Path> previousKeys) {
        Map<String, Object> config = new HashMap<>(settings.config);
        config.put("vault.keys.storage-secret-key-file", storageKey.toString());
        config.put("vault.keys.previous-storage-secret-key-files",
                previousKeys.stream().map(Path::toString).toList());
        config.put("vault.keys.escrow-public-key-files",
                List.of(dir.resolve("offline/escrow-public.asc").toString()));
        return ApplicationContext.run(EmbeddedServer.class, config);
    }

    private static TestSnapshots.Sealed storeSnapshot(EmbeddedServer vault, String content)
            throws Exception {
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("config.db", content), settings.ingest.publicKey(),
                settings.nas1.secret());
        publisher.publish(sealed.records(4096));
        await().atMost(Duration.ofSeconds(60)).until(() -> new String(get(vault,
                "/api/v1/appliances/nas-1/snapshots").body(), StandardCharsets.UTF_8)
                .contains(sealed.id().toString()));
        return sealed;
    }

    private static HeadObjectResponse head(TestSnapshots.Sealed sealed) {
        return stack.s3Client().headObject(b -> b.bucket(BUCKET)
                .key("snapshots/lab/nas-1/" + sealed.id() + ".tar.pgp"));
    }

    private static HttpResponse<byte[]> content(EmbeddedServer vault, TestSnapshots.Sealed sealed)
            throws Exception {
        return get(vault, "/api/v1/snapshots/" + sealed.id() + "/content");
    }

    private static HttpResponse<byte[]> get(EmbeddedServer vault, String path) throws Exception {
        return VaultHttp.get(vault, path, settings.adminToken());
    }

    private static List<String> causes(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
