package io.configvault.vault.testing;

import io.configvault.vault.retention.RetentionException;
import io.configvault.vault.retention.RetentionService;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/**
 * A {@link RetentionService} that answers what a test sets and records what it was asked, for
 * tests of the API in front of retention. It exists only in a vault started with
 * {@value #PROPERTY}{@code =true} (no production configuration sets it; no other test does):
 * then it replaces the real service.
 */
@Singleton
@Requires(property = FakeRetentionService.PROPERTY, value = "true")
@Replaces(RetentionService.class)
public final class FakeRetentionService implements RetentionService {

    public static final String PROPERTY = "configvault.test.fake-retention";

    /** One call of {@link #preview}. */
    public record PreviewCall(@Nullable String fleet, @Nullable String applianceId,
                              @Nullable String after, int limit) {
    }

    private volatile PreviewPage page;
    private volatile PassReport report;
    private volatile RetentionException failure;
    private volatile PreviewCall lastPreview;
    private volatile String lastActor;

    /** The page every preview answers. */
    public void answer(PreviewPage value) {
        page = value;
    }

    /** The report every run answers. */
    public void answer(PassReport value) {
        report = value;
    }

    /** Every call fails with this, until it is set to null. */
    public void fail(@Nullable RetentionException value) {
        failure = value;
    }

    public @Nullable PreviewCall lastPreview() {
        return lastPreview;
    }

    public @Nullable String lastActor() {
        return lastActor;
    }

    @Override
    public PreviewPage preview(@Nullable String fleet, @Nullable String applianceId,
                               @Nullable String after, int limit) throws RetentionException {
        lastPreview = new PreviewCall(fleet, applianceId, after, limit);
        if (failure != null) {
            throw failure;
        }
        return page == null ? new PreviewPage(Instant.EPOCH, List.of(), null) : page;
    }

    @Override
    public PassReport run(String actor) throws RetentionException {
        lastActor = actor;
        if (failure != null) {
            throw failure;
        }
        if (report == null) {
            throw new IllegalStateException("The test set no pass report");
        }
        return report;
    }
}
