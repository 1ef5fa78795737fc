package io.configvault.vault.store;

import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Builds the S3 client and the {@link BlobStore} from {@link S3Settings}: validates the settings,
 * checks that the bucket answers, then runs the {@link StoreSelfTest} — all before the ingest loop
 * (which needs the store) starts, so a store lacking what the configuration relies on stops the
 * vault. In the rebuild-catalog environment the store is opened without the self-test, which
 * writes: that command only lists and reads.
 */
@Factory
final class S3StoreFactory {

    private static final Logger LOG = LoggerFactory.getLogger(S3StoreFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    S3Client s3Client(S3Settings settings, StorageSettings storage) {
        settings.validate(storage.maxSnapshotBytes());
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.staticCredentials()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId(), settings.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        builder.requestChecksumCalculation(S3Settings.WHEN_SUPPORTED.equals(
                settings.requestChecksums()) ? RequestChecksumCalculation.WHEN_SUPPORTED
                : RequestChecksumCalculation.WHEN_REQUIRED);
        builder.responseChecksumValidation(S3Settings.WHEN_SUPPORTED.equals(
                settings.responseChecksums()) ? ResponseChecksumValidation.WHEN_SUPPORTED
                : ResponseChecksumValidation.WHEN_REQUIRED);
        return builder.build();
    }

    @Singleton
    @Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
    BlobStore blobStore(S3Client s3, S3Settings settings, StorageSettings storage, Clock clock,
                        MeterRegistry registry) {
        S3BlobStore store = open(s3, settings);
        List<String> checked = new StoreSelfTest(store, settings, storage.maxSnapshotBytes(),
                storage.spoolDir(), clock).run();
        LOG.info("S3 self-test passed on bucket '{}' at {} (prefix '{}'): {}", settings.bucket(),
                settings.endpoint() == null ? "AWS" : settings.endpoint(), settings.prefix(),
                String.join(", ", checked));
        return new MeteredBlobStore(store, new StoreMetrics(registry));
    }

    @Singleton
    @Requires(env = VaultEnvironments.REBUILD_CATALOG)
    BlobStore blobStoreWithoutSelfTest(S3Client s3, S3Settings settings) {
        return open(s3, settings);
    }

    /** The store, once the bucket answers a HEAD. */
    static S3BlobStore open(S3Client s3, S3Settings settings) {
        String bucket = "bucket '" + settings.bucket() + "'";
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            String problem = switch (e.statusCode()) {
                case 404 -> bucket + " does not exist (404); create it or fix vault.s3.bucket";
                case 403 -> "access to " + bucket + " is denied (403): check the credentials"
                        + " (vault.s3.access-key-id and vault.s3.secret-access-key, or the SDK's"
                        + " default chain when they are not set) and the bucket's policy";
                case 301, 400 -> bucket + " answered " + S3Failures.answer(e) + ": check"
                        + " vault.s3.region and vault.s3.path-style";
                default -> bucket + " is not usable (" + S3Failures.answer(e) + ")";
            };
            throw new IllegalStateException("Cannot start vault: " + problem, e);
        } catch (SdkClientException e) {
            throw new IllegalStateException("Cannot start vault: " + bucket + " cannot be reached"
                    + " at " + (settings.endpoint() == null ? "AWS" : settings.endpoint())
                    + " (check vault.s3.endpoint and, without static credentials, the SDK's"
                    + " default credentials chain): " + e.getMessage(), e);
        }
        return new S3BlobStore(s3, settings);
    }
}
