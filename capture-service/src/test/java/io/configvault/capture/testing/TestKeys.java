package io.configvault.capture.testing;

import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real OpenPGP keys for tests: the appliance's signing key and the vault's ingest key, generated
 * once per JVM, and written to files as an operator would provision them.
 */
public final class TestKeys {

    public static final String APPLIANCE_PASSPHRASE = "appliance passphrase for tests";
    public static final String INGEST_PASSPHRASE = "ingest passphrase for tests";

    private static volatile TestKeys instance;

    public final OpenPgpKeys.GeneratedKey appliance;
    public final OpenPgpKeys.GeneratedKey ingest;

    private TestKeys() {
        appliance = OpenPgpKeys.generate("test-appliance <appliance@test.invalid>",
                APPLIANCE_PASSPHRASE.toCharArray());
        ingest = OpenPgpKeys.generate("test-vault-ingest <ingest@test.invalid>",
                INGEST_PASSPHRASE.toCharArray());
    }

    public static TestKeys get() {
        if (instance == null) {
            synchronized (TestKeys.class) {
                if (instance == null) {
                    instance = new TestKeys();
                }
            }
        }
        return instance;
    }

    /** Key files in {@code dir}, as the {@code capture.keys.*} settings name them. */
    public record KeyFiles(Path signingKey, Path passphrase, Path ingestPublicKey) {
    }

    public KeyFiles writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path signing = Files.writeString(dir.resolve("appliance.key.asc"),
                appliance.armoredSecretKey());
        Path passphrase = Files.writeString(dir.resolve("appliance.pass"),
                APPLIANCE_PASSPHRASE + "\n");
        Path ingestKey = Files.writeString(dir.resolve("ingest.pub.asc"),
                ingest.armoredPublicKey());
        return new KeyFiles(signing, passphrase, ingestKey);
    }

    public PgpSecretKey applianceSecret() throws Exception {
        return OpenPgpKeys.readSecretKey(appliance.armoredSecretKey(),
                APPLIANCE_PASSPHRASE.toCharArray());
    }

    public PgpPublicKey appliancePublic() throws Exception {
        return OpenPgpKeys.readPublicKey(appliance.armoredPublicKey());
    }

    public PgpSecretKey ingestSecret() throws Exception {
        return OpenPgpKeys.readSecretKey(ingest.armoredSecretKey(),
                INGEST_PASSPHRASE.toCharArray());
    }

    public PgpPublicKey ingestPublic() throws Exception {
        return OpenPgpKeys.readPublicKey(ingest.armoredPublicKey());
    }
}
