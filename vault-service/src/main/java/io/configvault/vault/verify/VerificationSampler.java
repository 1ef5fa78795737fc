package io.configvault.vault.verify;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.catalog.VerificationLog;
import io.configvault.vault.config.VerifySettings;
import io.configvault.vault.store.StoreUnavailableException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the snapshots one sampler run verifies, and verifies them:
 * <ol>
 *   <li>every appliance's newest snapshot that was not verified within
 *       {@code vault.verify.newest-max-age} (so a new snapshot is verified at the next run);</li>
 *   <li>the rotation: the snapshots due earliest (least recently verified, or stored, first),
 *       as many as {@code vault.verify.daily-percent} of all snapshots per day asks for the time
 *       since the previous run. The count is rounded up and the excess carried over, so the
 *       long-run rate is the configured one and a run never falls behind it;</li>
 * </ol>
 * at most {@code vault.verify.max-per-run} in all. Because verified snapshots go to the back of
 * the queue and new ones join behind those already waiting, a snapshot stored or verified at
 * {@code t} is verified again by {@code t + 100 / daily-percent days + one interval} while the
 * vault runs (see docs/design.md, "Restore drills"). A run stops early, to retry at the next,
 * when the bucket or the catalog is unavailable. The clock is injected; {@link #runOnce} is
 * serialised.
 */
@Singleton
public final class VerificationSampler {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationSampler.class);
    private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

    /** What a run did. */
    public record Run(int verified, int failed, boolean stoppedEarly) {
    }

    private final VerificationLog log;
    private final SnapshotVerifier verifier;
    private final VerifySettings settings;
    private final Clock clock;
    private Instant lastRun;
    /** Rotation picks owed (positive) or made ahead of the rate (negative, above -1). */
    private double credit;

    public VerificationSampler(VerificationLog log, SnapshotVerifier verifier,
                               VerifySettings settings, Clock clock) {
        this.log = log;
        this.verifier = verifier;
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized Run runOnce() {
        Instant now = clock.instant();
        Duration elapsed = lastRun == null ? settings.interval() : Duration.between(lastRun, now);
        lastRun = now;
        List<SnapshotRecord> picks;
        try {
            picks = pick(now, clamp(elapsed));
        } catch (CatalogException e) {
            LOG.warn("Verification sampler skipped a run: {}", e.getMessage());
            return new Run(0, 0, true);
        }
        int verified = 0;
        int failed = 0;
        for (SnapshotRecord snapshot : picks) {
            try {
                if (!verifier.verify(snapshot, Verification.Trigger.SAMPLER).ok()) {
                    failed++;
                }
                verified++;
            } catch (SnapshotGoneException e) {
                LOG.info("{}; the sampler goes on", e.getMessage());
            } catch (StoreUnavailableException e) {
                LOG.warn("Verification sampler stopped after {} of {} snapshots: the bucket is"
                        + " unavailable; the next run goes on", verified, picks.size());
                return new Run(verified, failed, true);
            } catch (CatalogException | IOException e) {
                LOG.warn("Verification sampler stopped after {} of {} snapshots: {}", verified,
                        picks.size(), e.getMessage());
                return new Run(verified, failed, true);
            }
        }
        LOG.info("Verification sampler verified {} snapshots, {} failed", verified, failed);
        return new Run(verified, failed, false);
    }

    private List<SnapshotRecord> pick(Instant now, Duration elapsed) throws CatalogException {
        List<SnapshotRecord> picks = new ArrayList<>();
        Set<SnapshotId> chosen = new HashSet<>();
        if (!settings.newestMaxAge().isZero()) {
            for (SnapshotRecord newest : log.newestNotVerifiedSince(
                    now.minus(settings.newestMaxAge()), settings.maxPerRun())) {
                chosen.add(newest.id());
                picks.add(newest);
            }
        }
        long owed = rotation(log.snapshotCount(), elapsed);
        int room = settings.maxPerRun() - picks.size();
        if (owed > room) {
            LOG.warn("vault.verify.max-per-run ({}) leaves room for {} of the {} snapshots"
                    + " vault.verify.daily-percent asks for in this run; the detection window"
                    + " grows", settings.maxPerRun(), room, owed);
        }
        long take = Math.min(owed, room);
        credit -= take;
        if (take > 0) {
            // The newest picks may be among the earliest due: ask for that many more.
            int added = 0;
            for (SnapshotRecord due : log.dueForVerification((int) take + picks.size())) {
                if (added == take) {
                    break;
                }
                if (chosen.add(due.id())) {
                    picks.add(due);
                    added++;
                }
            }
        }
        return picks;
    }

    /** Rotation picks owed for {@code elapsed} at the daily rate, rounded up, carried over. */
    private long rotation(long snapshots, Duration elapsed) {
        credit += snapshots * settings.dailyPercent() / 100 * elapsed.toMillis() / DAY_MILLIS;
        // Far behind (a cap, a long pause): owe at most one full run's cap, never a backlog.
        credit = Math.min(credit, settings.maxPerRun());
        return Math.max(0, (long) Math.ceil(credit - 1e-9));
    }

    private static Duration clamp(Duration elapsed) {
        if (elapsed.isNegative()) {
            return Duration.ZERO;
        }
        return elapsed.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : elapsed;
    }
}
