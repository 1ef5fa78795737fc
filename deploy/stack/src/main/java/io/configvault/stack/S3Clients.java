package io.configvault.stack;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds AWS SDK v2 clients for the local S3 server. */
final class S3Clients {

    private S3Clients() {}

    static S3Client create(URI endpoint, String region, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                // Bucket-in-host addressing would need DNS for <bucket>.127.0.0.1.
                .forcePathStyle(true)
                // Since 2.30 the SDK's default (WHEN_SUPPORTED) sends every upload as aws-chunked with a
                // CRC32 trailer (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER) and validates response
                // checksums. s3proxy 4.1.0 accepts both forms, but several S3-compatible servers reject
                // the trailer; WHEN_REQUIRED adds checksums only where an operation demands one
                // (DeleteObjects), so the services are tested against the plain protocol.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
