package io.configvault.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the two services' configuration files for the local stack (rewritten every start). */
final class ServiceConfigs {

    private ServiceConfigs() {
    }

    static Path vault(Settings s, StackKeys keys, String bootstrap, String s3Endpoint,
                      String accessKey, String secretKey) throws IOException {
        Path dir = Files.createDirectories(s.home().resolve("vault"));
        String yaml = """
                micronaut:
                  server:
                    host: 127.0.0.1
                    port: %d
                vault:
                  catalog-path: %s
                  spool-dir: %s
                  kafka:
                    bootstrap-servers: %s
                    snapshot-topic: %s
                    quarantine-topic: %s
                  s3:
                    endpoint: %s
                    bucket: %s
                    access-key-id: %s
                    secret-access-key: %s
                  keys:
                    ingest-secret-key-file: %s
                    storage-secret-key-file: %s
                    passphrase-file: %s
                    escrow-public-key-files:
                      - %s
                  api:
                    admin-token-file: %s
                  appliances:
                    - id: %s
                      fleet: %s
                      public-key-file: %s
                """.formatted(s.vaultPort(), dir.resolve("catalog.db"), dir.resolve("spool"),
                bootstrap, Settings.SNAPSHOT_TOPIC, Settings.QUARANTINE_TOPIC, s3Endpoint,
                Settings.BUCKET, accessKey, secretKey, keys.secretKey("vault-ingest"),
                keys.secretKey("vault-storage"), keys.passphraseFile("vault"),
                keys.publicKey("escrow-DEMO-ONLY"), adminTokenFile(s), DemoAppliance.ID,
                DemoAppliance.FLEET, keys.publicKey("demo-nas"));
        Path file = dir.resolve("application.yml");
        Files.writeString(file, yaml);
        return file;
    }

    static Path agent(Settings s, StackKeys keys, DemoAppliance demo, String bootstrap)
            throws IOException {
        Path dir = Files.createDirectories(s.home().resolve("agent"));
        String yaml = """
                micronaut:
                  server:
                    host: 127.0.0.1
                    port: %d
                capture:
                  appliance-id: %s
                  fleet: %s
                  data-dir: %s
                  kafka:
                    bootstrap-servers: %s
                    topic: %s
                  keys:
                    signing-key-file: %s
                    passphrase-file: %s
                    ingest-public-key-file: %s
                  sources:
                    - name: config.db
                      kind: sqlite
                      path: %s
                      sensitive: true
                    - name: ssh/ssh_host_ed25519_key
                      kind: file
                      path: %s
                      sensitive: true
                    - name: ssh/ssh_host_ed25519_key.pub
                      kind: file
                      path: %s
                    - name: app.conf
                      kind: file
                      path: %s
                """.formatted(s.agentPort(), DemoAppliance.ID, DemoAppliance.FLEET,
                dir.resolve("data"), bootstrap, Settings.SNAPSHOT_TOPIC,
                keys.secretKey("demo-nas"), keys.passphraseFile("demo-nas"),
                keys.publicKey("vault-ingest"), demo.database(), demo.hostKey(),
                demo.hostPublicKey(), demo.appConfig());
        Path file = dir.resolve("application.yml");
        Files.writeString(file, yaml + restore(s));
        return file;
    }

    /**
     * What the agent's restore command adds to the agent's settings: the vault and a token file.
     * The local stack has one token, the admin's; a real appliance gets one of its own.
     */
    private static String restore(Settings s) {
        return """
                  restore:
                    vault-url: %s
                    token-file: %s
                """.formatted(s.vaultUrl(), adminTokenFile(s));
    }

    static Path adminTokenFile(Settings s) {
        return s.home().resolve("vault/admin-token");
    }
}
