package io.configvault.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings file of a vault run as a child process against the local stack (one broker, so
 * topics of one replica; s3proxy with static credentials; appliances enrolled by configuration):
 * the one place the fault tests, the TLS test and the benchmark write it, so a new vault setting
 * changes here once. Catalog, spool and admin token live under {@code <dir>/vault/}; the file is
 * {@code <dir>/vault.yml}.
 */
public final class VaultYaml {

    private final Path dir;
    private String bootstrapServers;
    private S3Server s3;
    private String bucket;
    private Path ingestSecretKey;
    private Path storageSecretKey;
    private Path passphrase;
    private Integer port;
    private Integer partitions;
    private final List<String> apiSettings = new ArrayList<>();
    private final StringBuilder appliances = new StringBuilder();

    private VaultYaml(Path dir) {
        this.dir = dir;
    }

    /** A vault whose state and settings file live under {@code dir}. */
    public static VaultYaml in(Path dir) {
        return new VaultYaml(dir);
    }

    public VaultYaml kafka(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public VaultYaml s3(S3Server server, String bucketName) {
        this.s3 = server;
        this.bucket = bucketName;
        return this;
    }

    /** The armored secret keys (ingest, storage) and the passphrase file protecting them. */
    public VaultYaml keys(Path ingest, Path storage, Path passphraseFile) {
        this.ingestSecretKey = ingest;
        this.storageSecretKey = storage;
        this.passphrase = passphraseFile;
        return this;
    }

    /** The HTTP port; unset, the vault's default applies (or a later settings file's). */
    public VaultYaml port(int httpPort) {
        this.port = httpPort;
        return this;
    }

    /** Partitions of the topics the vault creates; unset, the vault's default. */
    public VaultYaml partitions(int count) {
        this.partitions = count;
        return this;
    }

    /** One more {@code vault.api.<name>} setting. */
    public VaultYaml api(String name, Object value) {
        apiSettings.add(name + ": " + value);
        return this;
    }

    /** An appliance enrolled by configuration. */
    public VaultYaml appliance(String id, String fleet, Path publicKeyFile) {
        appliances.append("""
                    - id: %s
                      fleet: %s
                      public-key-file: %s
                """.formatted(id, fleet, publicKeyFile));
        return this;
    }

    /** Where the vault writes its initial admin token. */
    public Path adminTokenFile() {
        return dir.resolve("vault/admin-token");
    }

    /** Writes {@code <dir>/vault.yml} and returns it. */
    public Path write() throws IOException {
        Objects.requireNonNull(bootstrapServers, "kafka(...) not set");
        Objects.requireNonNull(s3, "s3(...) not set");
        Objects.requireNonNull(ingestSecretKey, "keys(...) not set");
        StringBuilder yaml = new StringBuilder("micronaut:\n  server:\n    host: 127.0.0.1\n");
        if (port != null) {
            yaml.append("    port: ").append(port).append('\n');
        }
        yaml.append("""
                vault:
                  catalog-path: %s
                  spool-dir: %s
                  kafka:
                    bootstrap-servers: %s
                    # One broker: one replica is all it has (the vault would warn about it).
                    topics:
                """.formatted(dir.resolve("vault/catalog.db"), dir.resolve("vault/spool"),
                bootstrapServers));
        if (partitions != null) {
            yaml.append("      partitions: ").append(partitions).append('\n');
        }
        yaml.append("""
                      replication-factor: 1
                      min-insync-replicas: 1
                      allow-single-replica: true
                  s3:
                    endpoint: %s
                    bucket: %s
                    access-key-id: %s
                    secret-access-key: %s
                  keys:
                    ingest-secret-key-file: %s
                    storage-secret-key-file: %s
                    passphrase-file: %s
                  api:
                    admin-token-file: %s
                """.formatted(s3.endpoint(), bucket, s3.accessKey(), s3.secretKey(),
                ingestSecretKey, storageSecretKey, passphrase, adminTokenFile()));
        for (String setting : apiSettings) {
            yaml.append("    ").append(setting).append('\n');
        }
        if (!appliances.isEmpty()) {
            yaml.append("  appliances:\n").append(appliances);
        }
        return Files.writeString(dir.resolve("vault.yml"), yaml);
    }
}
