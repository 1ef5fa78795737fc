package io.configvault.vault.store;

import io.configvault.stack.S3Server;
import io.configvault.vault.config.S3Settings;
import java.net.URI;

/** Builds {@link S3Settings} for tests against an {@link S3Server}, defaults as in production. */
final class S3TestSettings {

    URI endpoint;
    String bucket;
    String accessKey;
    String secretKey;
    String requestChecksums;
    String responseChecksums;
    long multipartThreshold = 64L << 20;
    long partSize = 16L << 20;
    String objectLock = "off";
    String prefix = "";

    static S3TestSettings of(S3Server server, String bucket) {
        S3TestSettings settings = new S3TestSettings();
        settings.endpoint = server.endpoint();
        settings.bucket = bucket;
        settings.accessKey = server.accessKey();
        settings.secretKey = server.secretKey();
        return settings;
    }

    S3TestSettings endpoint(URI value) {
        endpoint = value;
        return this;
    }

    S3TestSettings bucket(String value) {
        bucket = value;
        return this;
    }

    S3TestSettings secretKey(String value) {
        secretKey = value;
        return this;
    }

    S3TestSettings checksums(String request, String response) {
        requestChecksums = request;
        responseChecksums = response;
        return this;
    }

    S3TestSettings multipart(long threshold, long size) {
        multipartThreshold = threshold;
        partSize = size;
        return this;
    }

    S3TestSettings objectLock(String value) {
        objectLock = value;
        return this;
    }

    S3TestSettings prefix(String value) {
        prefix = value;
        return this;
    }

    S3Settings build() {
        return new S3Settings(endpoint, S3Server.REGION, bucket, true, accessKey, secretKey,
                S3Settings.WHEN_REQUIRED, requestChecksums, responseChecksums, multipartThreshold,
                partSize, objectLock, prefix);
    }
}
