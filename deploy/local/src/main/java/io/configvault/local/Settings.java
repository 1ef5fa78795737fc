package io.configvault.local;

import io.configvault.stack.StackRoot;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the operator can override through the environment, with the defaults of the quickstart.
 */
record Settings(Path root, Path home, int vaultPort, int agentPort, int kafkaPort, int s3Port) {

    static final String SNAPSHOT_TOPIC = "configvault.snapshots";
    static final String QUARANTINE_TOPIC = "configvault.quarantine";
    static final String COMMAND_TOPIC = "configvault.commands";
    static final String BUCKET = "configvault";

    static Settings fromEnvironment(Map<String, String> env) {
        Path root = StackRoot.locate().dir();
        String home = env.getOrDefault("CONFIGVAULT_HOME", root.resolve(".configvault").toString());
        return new Settings(root, Path.of(home).toAbsolutePath(),
                port(env, "CONFIGVAULT_VAULT_PORT", 8480), port(env, "CONFIGVAULT_AGENT_PORT", 8481),
                port(env, "CONFIGVAULT_KAFKA_PORT", 9492), port(env, "CONFIGVAULT_S3_PORT", 9490));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot start the stack: " + name
                    + " must be a port number (1-65535), not '" + value + "'");
        }
    }

    String vaultUrl() {
        return "http://127.0.0.1:" + vaultPort;
    }

    String agentUrl() {
        return "http://127.0.0.1:" + agentPort;
    }
}
