package io.configvault.vault.store;

import io.configvault.vault.config.S3Settings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Builds the S3 client and the {@link BlobStore} from {@link S3Settings}. */
@Factory
final class S3StoreFactory {

    @Singleton
    S3Client s3Client(S3Settings settings) {
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle());
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.accessKeyId() != null && !settings.accessKeyId().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId(), settings.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        switch (settings.checksumMode()) {
            case "when-required" -> builder
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            case "when-supported" -> builder
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_SUPPORTED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_SUPPORTED);
            default -> throw new IllegalStateException("Cannot start vault: vault.s3.checksum-mode "
                    + "must be when-required or when-supported, not '" + settings.checksumMode() + "'");
        }
        return builder.build();
    }

    @Singleton
    BlobStore blobStore(S3Client s3, S3Settings settings) {
        try {
            s3.headBucket(b -> b.bucket(settings.bucket()));
        } catch (S3Exception e) {
            throw new IllegalStateException("Cannot start vault: bucket '" + settings.bucket()
                    + "' is not usable (" + e.statusCode() + "); create it or fix vault.s3.bucket", e);
        }
        return new S3BlobStore(s3, settings.bucket(), settings.prefix());
    }
}
