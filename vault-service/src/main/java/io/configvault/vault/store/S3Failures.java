package io.configvault.vault.store;

import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Sorts SDK errors at the boundary: 5xx, 429, 408 and transport failures are
 * {@link StoreUnavailableException} (retry later), the rest {@link StoreException}. Messages name
 * the bucket, what was attempted (with the vault's key) and the server's status and error code;
 * never credentials. The URL-connection HTTP client lets some transport failures out as an
 * {@link UncheckedIOException} instead of an {@link SdkClientException} (a connection the server
 * closes while the request body is sent): those are transport failures too.
 */
final class S3Failures {

    private final String bucket;

    S3Failures(String bucket) {
        this.bucket = bucket;
    }

    /** @param action what could not be done, e.g. "store object snapshots/…" */
    StoreException sorted(String action, S3Exception e) {
        String message = "Cannot " + action + ": bucket '" + bucket + "' answered " + answer(e);
        if (e.statusCode() >= 500 || e.statusCode() == 429 || e.statusCode() == 408) {
            return new StoreUnavailableException(message, e);
        }
        return new StoreException(message, e);
    }

    StoreException sorted(String action, SdkClientException e) {
        return new StoreUnavailableException("Cannot " + action + ": bucket '" + bucket
                + "' is unreachable (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                + ")", e);
    }

    StoreException sorted(String action, UncheckedIOException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return new StoreUnavailableException("Cannot " + action + ": bucket '" + bucket
                + "' is unreachable (" + cause.getClass().getSimpleName() + ": "
                + cause.getMessage() + ")", e);
    }

    /** "412 PreconditionFailed": the status and the S3 error code, if any. */
    static String answer(S3Exception e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? "" : " " + e.awsErrorDetails().errorCode();
        return e.statusCode() + code;
    }
}
