package io.configvault.vault.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code vault.s3.*}: the S3-compatible store. {@link #validate} checks what the annotations
 * cannot, with messages naming the setting; the store calls it before building a client.
 *
 * @param endpoint                   endpoint URL; empty for AWS itself
 * @param region                     signing region (default {@code us-east-1})
 * @param bucket                     bucket holding the snapshots (must exist)
 * @param pathStyle                  path-style addressing, needed by most S3-compatible servers
 *                                   (default true)
 * @param accessKeyId                static credentials; when empty the SDK's default chain is used
 * @param secretAccessKey            static credentials (never logged)
 * @param checksumMode               default of both checksum settings below ({@code when-required})
 * @param requestChecksumCalculation {@code when-required} (only checksums an operation requires,
 *                                   which every S3-compatible server accepts) or
 *                                   {@code when-supported} (the SDK's newer default: CRC32
 *                                   trailers on every upload, which several servers reject)
 * @param responseChecksumValidation {@code when-required} or {@code when-supported} (validate
 *                                   checksums the server returns)
 * @param multipartThreshold         objects of at least this many bytes are uploaded in parts
 *                                   (default 64 MiB; 5 MiB to 5 GiB)
 * @param multipartPartSize          size of each part (default 16 MiB; 5 MiB to 5 GiB; at most
 *                                   10,000 parts per object)
 * @param objectLock                 {@code off} (default) or {@code required}: the bucket must have
 *                                   Object Lock enabled, checked at startup
 * @param prefix                     optional key prefix ending in {@code /}, e.g. {@code vault-a/}
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
        @Nullable String requestChecksumCalculation,
        @Nullable String responseChecksumValidation,
        @Bindable(defaultValue = "67108864") long multipartThreshold,
        @Bindable(defaultValue = "16777216") long multipartPartSize,
        @Bindable(defaultValue = "off") @NotBlank String objectLock,
        @Bindable(defaultValue = "") String prefix) {

    public static final String WHEN_REQUIRED = "when-required";
    public static final String WHEN_SUPPORTED = "when-supported";
    /** S3's smallest part (except the last) and so the smallest sensible threshold. */
    public static final long MIN_PART_BYTES = 5L << 20;
    /** S3's largest single PUT and largest part. */
    public static final long MAX_PUT_BYTES = 5L << 30;
    public static final int MAX_PARTS = 10_000;
    /**
     * What OpenPGP adds to a bundle at rest (session keys for each recipient, the signature,
     * packet framing): far less than this, which is the margin used to size objects.
     */
    public static final long AT_REST_ENVELOPE_BYTES = 1L << 20;

    private static final Set<String> CHECKSUM_MODES = Set.of(WHEN_REQUIRED, WHEN_SUPPORTED);
    /** Segments never start with a dot, so '.' and '..' cannot be among them. */
    private static final Pattern PREFIX =
            Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)+");

    public S3Settings {
        prefix = prefix == null ? "" : prefix;
    }

    /** The request checksum mode in effect: its own setting, else {@code checksum-mode}. */
    public String requestChecksums() {
        return isBlank(requestChecksumCalculation) ? checksumMode : requestChecksumCalculation;
    }

    /** The response checksum mode in effect: its own setting, else {@code checksum-mode}. */
    public String responseChecksums() {
        return isBlank(responseChecksumValidation) ? checksumMode : responseChecksumValidation;
    }

    public boolean staticCredentials() {
        return !isBlank(accessKeyId);
    }

    public boolean objectLockRequired() {
        return "required".equals(objectLock);
    }

    /** The largest object the vault can store with this snapshot limit. */
    public static long largestObject(long maxSnapshotBytes) {
        return maxSnapshotBytes + AT_REST_ENVELOPE_BYTES;
    }

    /** Whether any object can be large enough to be uploaded in parts. */
    public boolean multipartPossible(long maxSnapshotBytes) {
        return largestObject(maxSnapshotBytes) >= multipartThreshold;
    }

    /**
     * Checks the settings together with {@code vault.max-snapshot-bytes}.
     *
     * @throws IllegalStateException "Cannot start vault: ..." naming the first bad setting
     */
    public void validate(long maxSnapshotBytes) {
        if (endpoint != null && (endpoint.getHost() == null
                || !Set.of("http", "https").contains(String.valueOf(endpoint.getScheme())))) {
            throw invalid("vault.s3.endpoint must be an http or https URL with a host, not '"
                    + endpoint + "'");
        }
        if (!CHECKSUM_MODES.contains(checksumMode)) {
            throw invalid(modeProblem("vault.s3.checksum-mode", checksumMode));
        }
        if (!CHECKSUM_MODES.contains(requestChecksums())) {
            throw invalid(modeProblem("vault.s3.request-checksum-calculation", requestChecksums()));
        }
        if (!CHECKSUM_MODES.contains(responseChecksums())) {
            throw invalid(modeProblem("vault.s3.response-checksum-validation",
                    responseChecksums()));
        }
        if (!Set.of("off", "required").contains(objectLock)) {
            throw invalid("vault.s3.object-lock must be off or required, not '" + objectLock + "'");
        }
        if (staticCredentials() && isBlank(secretAccessKey)) {
            throw invalid("vault.s3.access-key-id is set but vault.s3.secret-access-key is not");
        }
        if (!staticCredentials() && !isBlank(secretAccessKey)) {
            throw invalid("vault.s3.secret-access-key is set but vault.s3.access-key-id is not");
        }
        if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
            throw invalid("vault.s3.prefix must be empty or path segments of letters, digits, '.',"
                    + " '_' and '-', not starting with '.', each ending in '/' (e.g. 'vault-a/'),"
                    + " not '" + prefix + "'");
        }
        checkPartSizes(maxSnapshotBytes);
    }

    private void checkPartSizes(long maxSnapshotBytes) {
        if (multipartThreshold < MIN_PART_BYTES || multipartThreshold > MAX_PUT_BYTES) {
            throw invalid("vault.s3.multipart-threshold must be between " + MIN_PART_BYTES
                    + " (5 MiB) and " + MAX_PUT_BYTES + " (5 GiB) bytes, not " + multipartThreshold);
        }
        if (multipartPartSize < MIN_PART_BYTES || multipartPartSize > MAX_PUT_BYTES) {
            throw invalid("vault.s3.multipart-part-size must be between " + MIN_PART_BYTES
                    + " (5 MiB) and " + MAX_PUT_BYTES + " (5 GiB) bytes, not " + multipartPartSize);
        }
        long largest = largestObject(maxSnapshotBytes);
        long parts = (largest + multipartPartSize - 1) / multipartPartSize;
        if (multipartPossible(maxSnapshotBytes) && parts > MAX_PARTS) {
            long needed = (largest + MAX_PARTS - 1) / MAX_PARTS;
            throw invalid("vault.s3.multipart-part-size " + multipartPartSize + " is too small"
                    + " for vault.max-snapshot-bytes " + maxSnapshotBytes + ": S3 allows at most "
                    + MAX_PARTS + " parts per object; use at least " + needed);
        }
    }

    private static String modeProblem(String setting, String value) {
        return setting + " must be " + WHEN_REQUIRED + " or " + WHEN_SUPPORTED + ", not '" + value
                + "'";
    }

    private static IllegalStateException invalid(String problem) {
        return new IllegalStateException("Cannot start vault: " + problem);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", pathStyle=" + pathStyle + ", requestChecksums=" + requestChecksums()
                + ", responseChecksums=" + responseChecksums() + ", multipartThreshold="
                + multipartThreshold + ", multipartPartSize=" + multipartPartSize
                + ", objectLock=" + objectLock + ", prefix=" + prefix + "]";
    }
}
