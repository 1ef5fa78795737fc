package io.configvault.vault.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The body of a GetObject as {@link BlobStore#open} hands it out: a failure while its bytes
 * arrive (the SDK reports them as {@link IOException}, {@link SdkClientException} or
 * {@link UncheckedIOException}) becomes a {@link StoreReadException} carrying the sorted store
 * failure, so callers tell the store's fault from their own output's.
 */
final class S3ObjectStream extends FilterInputStream {

    private final String action;
    private final S3Failures failures;

    S3ObjectStream(InputStream body, String action, S3Failures failures) {
        super(body);
        this.action = action;
        this.failures = failures;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException | SdkClientException | UncheckedIOException e) {
            throw sorted(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException | SdkClientException | UncheckedIOException e) {
            throw sorted(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException | SdkClientException | UncheckedIOException e) {
            throw sorted(e);
        }
    }

    private StoreReadException sorted(Exception e) {
        return switch (e) {
            case StoreReadException already -> already;
            case SdkClientException client -> new StoreReadException(
                    failures.sorted(action, client));
            case UncheckedIOException unchecked -> new StoreReadException(
                    failures.sorted(action, unchecked));
            default -> new StoreReadException(failures.sorted(action,
                    new UncheckedIOException((IOException) e)));
        };
    }
}
