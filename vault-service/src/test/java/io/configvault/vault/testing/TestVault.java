package io.configvault.vault.testing;

import io.configvault.stack.LocalStack;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of an in-process vault on the local stack, its key files written under a
 * directory: ingest, storage and escrow keys, and appliances {@code nas-1} and {@code nas-2} of
 * fleet {@code lab} enrolled by configuration. The constructor creates the topics and the bucket;
 * a test changes or adds settings in {@link #config} (or with the {@code without…} options) before
 * it starts the vault with them. Not thread-safe.
 */
public final class TestVault {

    public final Keys ingest = Keys.generate("ingest");
    public final Keys storage = Keys.generate("storage");
    public final Keys escrow = Keys.generate("escrow");
    public final Keys nas1 = Keys.generate("nas-1");
    public final Keys nas2 = Keys.generate("nas-2");
    public final Path dir;
    public final Map<String, Object> config = new HashMap<>();

    /** @param name unique to the test: topics, bucket and consumer group are named after it */
    public TestVault(LocalStack stack, Path dir, String name) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("ingest.asc"), ingest.generated().armoredSecretKey());
        Files.writeString(dir.resolve("storage.asc"), storage.generated().armoredSecretKey());
        Files.writeString(dir.resolve("escrow.pub.asc"), escrow.generated().armoredPublicKey());
        Files.writeString(dir.resolve("nas-1.pub.asc"), nas1.generated().armoredPublicKey());
        Files.writeString(dir.resolve("nas-2.pub.asc"), nas2.generated().armoredPublicKey());
        Files.writeString(dir.resolve("passphrase"), "test-passphrase\n");
        stack.kafka().createTopics(1, topic(name), quarantine(name), commands(name));
        stack.s3().createBucket(name);
        config.put("micronaut.server.port", -1);
        config.put("vault.kafka.bootstrap-servers", stack.kafka().bootstrapServers());
        config.put("vault.kafka.snapshot-topic", topic(name));
        config.put("vault.kafka.quarantine-topic", quarantine(name));
        config.put("vault.kafka.command-topic", commands(name));
        config.put("vault.kafka.group-id", name);
        // One broker: the topics it created have one replica, which the vault would warn about.
        config.put("vault.kafka.topics.allow-single-replica", true);
        config.put("vault.kafka.topics.replication-factor", 1);
        config.put("vault.kafka.topics.min-insync-replicas", 1);
        config.put("vault.s3.endpoint", stack.s3().endpoint().toString());
        config.put("vault.s3.bucket", name);
        config.put("vault.s3.access-key-id", stack.s3().accessKey());
        config.put("vault.s3.secret-access-key", stack.s3().secretKey());
        config.put("vault.catalog-path", catalog().toString());
        config.put("vault.spool-dir", dir.resolve("spool").toString());
        config.put("vault.keys.ingest-secret-key-file", dir.resolve("ingest.asc").toString());
        config.put("vault.keys.storage-secret-key-file", dir.resolve("storage.asc").toString());
        config.put("vault.keys.passphrase-file", dir.resolve("passphrase").toString());
        config.put("vault.keys.escrow-public-key-files",
                List.of(dir.resolve("escrow.pub.asc").toString()));
        config.put("vault.api.admin-token-file", dir.resolve("admin-token").toString());
        for (int i = 0; i < 2; i++) {
            String id = "nas-" + (i + 1);
            config.put("vault.appliances[" + i + "].id", id);
            config.put("vault.appliances[" + i + "].fleet", "lab");
            config.put("vault.appliances[" + i + "].public-key-file",
                    dir.resolve(id + ".pub.asc").toString());
        }
    }

    /** Leaves the escrow key out: snapshots are encrypted to the storage key only. */
    public TestVault withoutEscrow() {
        config.remove("vault.keys.escrow-public-key-files");
        return this;
    }

    /** Leaves out the appliances enrolled by configuration: only API enrolments are known. */
    public TestVault withoutAppliances() {
        config.keySet().removeIf(key -> key.startsWith("vault.appliances["));
        return this;
    }

    public static String topic(String name) {
        return name + ".snapshots";
    }

    public static String commands(String name) {
        return name + ".commands";
    }

    public static String quarantine(String name) {
        return name + ".quarantine";
    }

    public Path catalog() {
        return dir.resolve("catalog.db");
    }

    public String adminToken() throws IOException {
        return Files.readString(dir.resolve("admin-token")).strip();
    }
}
