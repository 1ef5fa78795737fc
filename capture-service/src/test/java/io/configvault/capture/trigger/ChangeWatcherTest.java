package io.configvault.capture.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.snapshot.CaptureException;
import io.configvault.capture.snapshot.CapturedSnapshot;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.testing.MutableClock;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watcher driven poll by poll, with a clock the test moves: no threads, no sleeping. */
class ChangeWatcherTest {

    private static final Duration POLL = Duration.ofMillis(250);

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final FakeProbe probe = new FakeProbe("config.db");
    private final RecordingCapture capture = new RecordingCapture();
    private final ChangeWatcher watcher = new ChangeWatcher(List.of(probe),
            Duration.ofSeconds(2), Duration.ofSeconds(30), clock, capture);

    @Test
    void aBurstOfChangesGivesOneSnapshotAfterTheQuietPeriod() {
        for (int i = 0; i < 8; i++) {
            probe.change();
            poll();
        }
        assertThat(capture.triggers).isEmpty();

        pollFor(Duration.ofMillis(1750));
        assertThat(capture.triggers).isEmpty();
        poll();
        assertThat(capture.triggers).containsExactly(Trigger.CHANGE);

        pollFor(Duration.ofSeconds(60));
        assertThat(capture.triggers).containsExactly(Trigger.CHANGE);
    }

    @Test
    void aContinuousStreamOfChangesIsCapturedAtTheMaximumDelay() {
        int polls = 0;
        while (capture.triggers.isEmpty()) {
            probe.change();
            poll();
            polls++;
        }
        // Changes at every poll since t=0: due when t reaches 30 s (poll 121 runs at t=30 s).
        assertThat(polls).isEqualTo(121);
        assertThat(capture.triggers).containsExactly(Trigger.CHANGE);

        while (capture.triggers.size() < 2) {
            probe.change();
            poll();
        }
        assertThat(capture.triggers).hasSize(2);
    }

    @Test
    void noChangeNoSnapshot() {
        pollFor(Duration.ofMinutes(5));

        assertThat(capture.triggers).isEmpty();
    }

    @Test
    void aProbeThatFailsDoesNotStopTheOthers() {
        FakeProbe broken = new FakeProbe("broken.conf");
        broken.failing = true;
        ChangeWatcher two = new ChangeWatcher(List.of(broken, probe), Duration.ofSeconds(2),
                Duration.ofSeconds(30), clock, capture);

        probe.change();
        for (int i = 0; i < 20; i++) {
            two.poll();
            clock.advance(POLL);
        }

        assertThat(capture.triggers).containsExactly(Trigger.CHANGE);
    }

    @Test
    void aFailedCaptureIsNotRetriedUntilTheNextChange() {
        capture.failing = true;
        probe.change();
        pollFor(Duration.ofSeconds(3));
        assertThat(capture.attempts).isEqualTo(1);

        pollFor(Duration.ofSeconds(60));
        assertThat(capture.attempts).isEqualTo(1);
        assertThat(watcher.pending()).isFalse();
    }

    private void poll() {
        watcher.poll();
        clock.advance(POLL);
    }

    private void pollFor(Duration duration) {
        for (long n = duration.toMillis() / POLL.toMillis(); n > 0; n--) {
            poll();
        }
    }

    private static final class FakeProbe implements ChangeProbe {
        final String name;
        boolean changed;
        boolean failing;

        FakeProbe(String name) {
            this.name = name;
        }

        void change() {
            changed = true;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean changed() throws IOException {
            if (failing) {
                throw new IOException("cannot read it");
            }
            boolean result = changed;
            changed = false;
            return result;
        }

        @Override
        public void close() {
        }
    }

    private final class RecordingCapture implements SnapshotCapture {
        final List<Trigger> triggers = new ArrayList<>();
        boolean failing;
        int attempts;

        @Override
        public CapturedSnapshot capture(Trigger trigger, String label, SnapshotId requestId)
                throws CaptureException {
            attempts++;
            if (failing) {
                throw new CaptureException(CaptureException.Kind.FAILED, "Cannot capture", null);
            }
            triggers.add(trigger);
            return new CapturedSnapshot(SnapshotId.mint(clock), triggers.size(), trigger, 1, 1);
        }
    }
}
