package io.configvault.images;

/**
 * The services' configuration files as an operator writes them for the images: every path is a
 * container path (configuration and keys under {@code /etc/configvault}, state in the volume).
 */
final class ServiceConfigs {

    private ServiceConfigs() {
    }

    /** {@code /etc/configvault/vault.yml}; S3 credentials come from the SDK's default chain. */
    static String vault(int port, String bootstrap, String s3Endpoint) {
        return """
                micronaut:
                  server:
                    port: %d
                vault:
                  catalog-path: /var/lib/configvault/catalog.db
                  spool-dir: /var/lib/configvault/spool
                  kafka:
                    bootstrap-servers: %s
                    snapshot-topic: configvault.snapshots
                    quarantine-topic: configvault.quarantine
                    command-topic: configvault.commands
                  s3:
                    endpoint: %s
                    bucket: configvault
                  keys:
                    ingest-secret-key-file: /etc/configvault/secrets/ingest.secret.asc
                    storage-secret-key-file: /etc/configvault/secrets/storage.secret.asc
                    passphrase-file: /etc/configvault/secrets/passphrase
                    escrow-public-key-files:
                      - /etc/configvault/escrow.public.asc
                  api:
                    admin-token-file: /var/lib/configvault/admin-token
                """.formatted(port, bootstrap, s3Endpoint);
    }

    /** {@code /etc/configvault/agent.yml}; its one source is its own configuration file. */
    static String agent(String bootstrap) {
        return """
                capture:
                  appliance-id: image-test
                  data-dir: /var/lib/configvault-agent/data
                  kafka:
                    bootstrap-servers: %s
                    topic: configvault.snapshots
                  keys:
                    signing-key-file: /var/lib/configvault-agent/keys/appliance.secret.asc
                    ingest-public-key-file: /etc/configvault/ingest.public.asc
                  schedule:
                    enabled: false
                  sources:
                    - name: agent.yml
                      kind: file
                      path: /etc/configvault/agent.yml
                """.formatted(bootstrap);
    }
}
