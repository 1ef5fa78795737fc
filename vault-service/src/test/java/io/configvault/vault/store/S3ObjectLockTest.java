package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;

/**
 * How a HEAD's Object Lock fields become a {@link BlobStore.LockStatus} (the SDK's parsing of the
 * headers themselves runs against the real server in S3BlobStoreIT).
 */
class S3ObjectLockTest {

    static final Instant UNTIL = Instant.parse("2027-01-02T03:04:05Z");

    @Test
    void modeRetainUntilAndLegalHoldAreMapped() {
        HeadObjectResponse head = HeadObjectResponse.builder()
                .objectLockMode(ObjectLockMode.COMPLIANCE).objectLockRetainUntilDate(UNTIL)
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON).build();

        assertThat(S3ObjectLock.status(head)).isEqualTo(new BlobStore.LockStatus(
                ObjectLockRequest.Mode.COMPLIANCE, UNTIL, true));
        assertThat(S3ObjectLock.status(head.toBuilder()
                .objectLockMode(ObjectLockMode.GOVERNANCE)
                .objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.OFF).build()))
                .isEqualTo(new BlobStore.LockStatus(ObjectLockRequest.Mode.GOVERNANCE, UNTIL,
                        false));
    }

    @Test
    void aHeadWithoutLockFieldsIsNoLock() {
        assertThat(S3ObjectLock.status(HeadObjectResponse.builder().contentLength(3L).build()))
                .isEqualTo(BlobStore.LockStatus.NONE);
    }

    @Test
    void aModeThisSdkDoesNotKnowIsNoModeButTheDateStays() {
        HeadObjectResponse head = HeadObjectResponse.builder().objectLockMode("FOREVER")
                .objectLockRetainUntilDate(UNTIL).build();

        assertThat(S3ObjectLock.status(head))
                .isEqualTo(new BlobStore.LockStatus(null, UNTIL, false));
    }
}
