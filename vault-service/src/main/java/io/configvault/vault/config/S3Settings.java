package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;

/**
 * {@code vault.s3.*}: the S3-compatible store.
 *
 * @param endpoint        endpoint URL; empty for AWS itself
 * @param region          signing region (default {@code us-east-1})
 * @param bucket          bucket holding the snapshots (must exist)
 * @param pathStyle       path-style addressing, needed by most S3-compatible servers (default true)
 * @param accessKeyId     static credentials; when empty the SDK's default chain is used
 * @param secretAccessKey static credentials (never logged)
 * @param checksumMode    {@code when-required} (default: only checksums the API requires, which
 *                        every S3-compatible server accepts) or {@code when-supported} (the SDK's
 *                        newer default, which several S3-compatible servers reject)
 * @param prefix          optional key prefix, e.g. {@code vault-a/}
 */
@ConfigurationProperties("vault.s3")
public record S3Settings(
        @Nullable URI endpoint,
        @Bindable(defaultValue = "us-east-1") @NotBlank String region,
        @NotBlank String bucket,
        @Bindable(defaultValue = "true") boolean pathStyle,
        @Nullable String accessKeyId,
        @Nullable String secretAccessKey,
        @Bindable(defaultValue = "when-required") @NotBlank String checksumMode,
        @Bindable(defaultValue = "") String prefix) {

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", pathStyle=" + pathStyle + ", checksumMode=" + checksumMode + "]";
    }
}
