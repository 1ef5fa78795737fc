package io.configvault.vault.store;

import io.configvault.stack.LocalStack;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The vault's real {@link S3BlobStore} on the local stack's S3 server, opened as the vault opens
 * it (without the self-test), for tests outside this package. Close it to close its client.
 */
public final class S3TestStores implements AutoCloseable {

    private final S3Client client;
    private final BlobStore store;

    private S3TestStores(S3Client client, BlobStore store) {
        this.client = client;
        this.store = store;
    }

    /** The store on {@code bucket} (which must exist) under {@code prefix} ("" for none). */
    public static S3TestStores open(LocalStack stack, String bucket, String prefix, Path dir) {
        S3Settings settings = S3TestSettings.of(stack.s3(), bucket).prefix(prefix).build();
        S3Client client = new S3StoreFactory().s3Client(settings, new StorageSettings(
                dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 30));
        return new S3TestStores(client, S3StoreFactory.open(client, settings));
    }

    public BlobStore store() {
        return store;
    }

    @Override
    public void close() {
        client.close();
    }
}
