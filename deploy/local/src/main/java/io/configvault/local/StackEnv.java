package io.configvault.local;

import io.configvault.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code $CONFIGVAULT_HOME/stack.env}: {@code NAME=value} lines that scripts and the docs rely on.
 * It names files that hold secrets, never the secrets of the services themselves; the S3 keys are
 * the local server's fixed demo credentials.
 */
final class StackEnv {

    private StackEnv() {
    }

    static void write(Settings s, LocalStack stack, StackKeys keys, DemoAppliance demo)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("VAULT_URL", s.vaultUrl());
        env.put("AGENT_URL", s.agentUrl());
        env.put("KAFKA_BOOTSTRAP", stack.kafka().bootstrapServers());
        env.put("SNAPSHOT_TOPIC", Settings.SNAPSHOT_TOPIC);
        env.put("QUARANTINE_TOPIC", Settings.QUARANTINE_TOPIC);
        env.put("S3_ENDPOINT", stack.s3().endpoint().toString());
        env.put("S3_BUCKET", Settings.BUCKET);
        env.put("AWS_ACCESS_KEY_ID", stack.s3().accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", stack.s3().secretKey());
        env.put("AWS_REGION", stack.s3().region());
        env.put("ADMIN_TOKEN_FILE", ServiceConfigs.adminTokenFile(s).toString());
        env.put("DEMO_APPLIANCE_ID", DemoAppliance.ID);
        env.put("DEMO_CONFIG_DB", demo.database().toString());
        env.put("DEMO_APPLIANCE_KEY", ServiceConfigs.agentSigningKey(s).toString());
        env.put("ESCROW_SECRET_KEY", keys.secretKey("escrow-DEMO-ONLY").toString());
        env.put("ESCROW_PASSPHRASE_FILE", keys.passphraseFile("escrow-DEMO-ONLY").toString());
        env.put("STORAGE_PUBLIC_KEY", keys.publicKey("vault-storage").toString());
        StringBuilder out = new StringBuilder("# ConfigVault local stack; written at every start.\n");
        env.forEach((name, value) -> out.append(name).append('=').append(value).append('\n'));
        Files.writeString(s.home().resolve("stack.env"), out);
    }
}
