package io.configvault.capture.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The properties a test agent starts with, spelled as an operator would pass them with
 * {@code -D} (flat keys, list indexes in brackets).
 */
public final class AgentConfig {

    private AgentConfig() {
    }

    /**
     * An agent for appliance {@code applianceId} with one SQLite source {@code config.db},
     * real keys written under {@code dir}, fast change detection, no schedule, on a random
     * loopback port.
     */
    public static Map<String, Object> of(String applianceId, Path dir, Path database,
                                         String bootstrapServers, String topic)
            throws IOException {
        TestKeys.KeyFiles keys = TestKeys.get().writeTo(dir.resolve("keys"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.port", "-1");
        properties.put("capture.appliance-id", applianceId);
        properties.put("capture.fleet", "lab");
        properties.put("capture.time-zone", "Europe/Berlin");
        properties.put("capture.data-dir", dir.resolve("data").toString());
        properties.put("capture.sources[0].name", "config.db");
        properties.put("capture.sources[0].kind", "sqlite");
        properties.put("capture.sources[0].path", database.toString());
        properties.put("capture.sources[0].sensitive", "true");
        properties.put("capture.keys.signing-key-file", keys.signingKey().toString());
        properties.put("capture.keys.passphrase-file", keys.passphrase().toString());
        properties.put("capture.keys.ingest-public-key-file", keys.ingestPublicKey().toString());
        properties.put("capture.kafka.bootstrap-servers", bootstrapServers);
        properties.put("capture.kafka.topic", topic);
        properties.put("capture.change.poll-interval", "100ms");
        properties.put("capture.change.quiet-period", "500ms");
        properties.put("capture.change.max-delay", "5s");
        // Off unless a test is about it: a run at 03:45 Berlin would add a snapshot to the topic.
        properties.put("capture.schedule.enabled", "false");
        return properties;
    }
}
