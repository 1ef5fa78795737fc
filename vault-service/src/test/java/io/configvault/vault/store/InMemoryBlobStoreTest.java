package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InMemoryBlobStoreTest extends BlobStoreContract {

    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final ObjectLockRequest LOCK = new ObjectLockRequest(
            ObjectLockRequest.Mode.GOVERNANCE, T0.plus(Duration.ofDays(1)));

    MutableClock clock;
    InMemoryBlobStore store;

    @BeforeEach
    void newStore() {
        clock = new MutableClock(T0);
        store = new InMemoryBlobStore(clock);
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Test
    void anObjectKeepsItsLockAndHeadReportsItWithTheLegalHold() throws Exception {
        Path file = file("locked", "content");
        store.create("l/a", file, md5(file), Map.of(), LOCK);
        store.create("l/a", file, md5(file), Map.of(), null);

        assertThat(store.lock("l/a")).as("a second create changes nothing").contains(LOCK);
        assertThat(store.head("l/a")).hasValueSatisfying(info -> assertThat(info.lock())
                .isEqualTo(new BlobStore.LockStatus(ObjectLockRequest.Mode.GOVERNANCE,
                        LOCK.retainUntil(), false)));
        store.legalHold("l/a", true);
        assertThat(store.head("l/a").orElseThrow().lock().legalHold()).isTrue();
        create("l/b", "unlocked");
        assertThat(store.head("l/b").orElseThrow().lock()).isEqualTo(BlobStore.LockStatus.NONE);
    }

    @Test
    void aLockedOrHeldObjectIsNotDeletedUntilItsRetentionPassesAndItsHoldIsOff()
            throws Exception {
        Path file = file("locked", "content");
        store.create("l/a", file, md5(file), Map.of(), LOCK);
        store.legalHold("l/a", true);
        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> store.delete("l/a")).isInstanceOf(StoreException.class)
                .hasMessage("Cannot delete object l/a: a legal hold is on it");
        store.legalHold("l/a", false);
        clock.advance(Duration.ofDays(-2));
        assertThatThrownBy(() -> store.delete("l/a"))
                .hasMessage("Cannot delete object l/a: it is locked (GOVERNANCE until "
                        + LOCK.retainUntil() + ")");
        assertThat(store.head("l/a")).isPresent();

        clock.advance(Duration.ofDays(1));
        store.delete("l/a");
        assertThat(store.head("l/a")).isEmpty();
    }

    @Test
    void aRetainUntilThatIsNotInTheFutureIsRefused() throws Exception {
        Path file = file("past", "content");

        assertThatThrownBy(() -> store.create("l/p", file, md5(file), Map.of(),
                new ObjectLockRequest(ObjectLockRequest.Mode.COMPLIANCE, T0)))
                .isInstanceOf(StoreException.class)
                .hasMessage("Cannot store object l/p: the retain-until date " + T0
                        + " is not in the future");
        assertThat(store.size()).isZero();
    }

    @Test
    void aLegalHoldOnAMissingObjectIsRefused() {
        assertThatThrownBy(() -> store.legalHold("none", true))
                .isInstanceOf(StoreException.class)
                .hasMessage("Cannot set a legal hold on none: no such object");
    }
}
