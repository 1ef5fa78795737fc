package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.event.Segment;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionAssemblerTest {

    @TempDir
    Path spool;

    private final byte[] sealed = "0123456789".getBytes();
    private final SnapshotId id = SnapshotId.mint(Clock.systemUTC());

    private Segment segment(int index) {
        byte[] part = Arrays.copyOfRange(sealed, index * 4, Math.min(sealed.length, index * 4 + 4));
        return new Segment("nas-1", id, index, 3, sealed.length, Sha256.of(sealed), part);
    }

    private final AtomicLong nanos = new AtomicLong(1_000);

    private PartitionAssembler assembler() {
        return assembler(new ReassemblyLimits(1 << 20, 100, 4, Duration.ofMinutes(10)));
    }

    private PartitionAssembler assembler(ReassemblyLimits limits) {
        return new PartitionAssembler(spool, "p0", limits, nanos::get);
    }

    private Segment segment(SnapshotId snapshot, int index) {
        Segment template = segment(index);
        return new Segment("nas-1", snapshot, index, template.count(), template.sealedBytes(),
                template.sealedSha256(), template.payload());
    }

    @Test
    void reassemblesInOrderAndHoldsCommitsAtTheFirstSegment() throws Exception {
        PartitionAssembler assembler = assembler();

        assertThat(assembler.accept(segment(0), 10)).isInstanceOf(PartitionAssembler.Step.Pending.class);
        assertThat(assembler.accept(segment(1), 11)).isInstanceOf(PartitionAssembler.Step.Pending.class);
        assertThat(assembler.earliestOpenOffset()).hasValue(10);
        var done = (PartitionAssembler.Step.Complete) assembler.accept(segment(2), 12);

        assertThat(Files.readAllBytes(done.snapshot().sealedFile())).isEqualTo(sealed);
        assertThat(assembler.earliestOpenOffset()).isEmpty();
    }

    @Test
    void refusesMissingReorderedAndOrphanSegments() throws Exception {
        PartitionAssembler assembler = assembler();
        assembler.accept(segment(0), 1);

        var missing = (PartitionAssembler.Step.Refused) assembler.accept(segment(2), 2);
        assertThat(missing.reason()).isEqualTo("segment 2 arrived where segment 1 was expected"
                + " (missing, duplicated or reordered segments)");
        assertThat(missing.category()).isEqualTo(RefusalCategory.MALFORMED);
        assertThat(assembler.accept(segment(1), 3)).as("the rest of a refused snapshot")
                .isInstanceOf(PartitionAssembler.Step.Skipped.class);
        var orphan = (PartitionAssembler.Step.Refused) assembler.accept(
                segment(SnapshotId.mint(Clock.systemUTC()), 1), 4);
        assertThat(orphan.reason())
                .isEqualTo("segment 1 of a snapshot whose first segment never arrived");
        assertThat(orphan.category()).isEqualTo(RefusalCategory.MALFORMED);
        assertThat(assembler.earliestOpenOffset()).isEmpty();
        try (var files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRepublishedSnapshotRestartsFromSegmentZero() throws Exception {
        PartitionAssembler assembler = assembler();
        assembler.accept(segment(0), 1);
        assembler.accept(segment(1), 2);

        assembler.accept(segment(0), 3);
        assembler.accept(segment(1), 4);
        var done = (PartitionAssembler.Step.Complete) assembler.accept(segment(2), 5);

        assertThat(Files.readAllBytes(done.snapshot().sealedFile())).isEqualTo(sealed);
    }

    @Test
    void refusesAlteredContentAndOversizedSnapshots() throws Exception {
        PartitionAssembler assembler = assembler();
        assembler.accept(segment(0), 1);
        assembler.accept(segment(1), 2);
        Segment last = segment(2);
        Segment altered = new Segment(last.applianceId(), id, 2, 3, last.sealedBytes(),
                last.sealedSha256(), "XY".getBytes());
        var refused = (PartitionAssembler.Step.Refused) assembler.accept(altered, 3);
        assertThat(refused.reason()).startsWith("reassembled snapshot does not match");

        assertThat(refused.category()).isEqualTo(RefusalCategory.INTEGRITY);

        PartitionAssembler small = assembler(new ReassemblyLimits(5, 100, 4, Duration.ofMinutes(1)));
        var tooBig = (PartitionAssembler.Step.Refused) small.accept(segment(0), 1);
        assertThat(tooBig.reason()).isEqualTo("snapshot of 10 bytes exceeds the limit of 5"
                + " (setting vault.max-snapshot-bytes)");
        assertThat(tooBig.category()).isEqualTo(RefusalCategory.LIMITS);
        assertThat(small.accept(segment(1), 2)).as("the rest of it, reported once")
                .isInstanceOf(PartitionAssembler.Step.Skipped.class);
        assertThat(small.earliestOpenOffset()).isEmpty();
    }

    @Test
    void refusesASnapshotOfMoreSegmentsThanTheLimit() throws Exception {
        PartitionAssembler assembler = assembler(
                new ReassemblyLimits(1 << 20, 2, 4, Duration.ofMinutes(1)));

        var refused = (PartitionAssembler.Step.Refused) assembler.accept(segment(0), 1);

        assertThat(refused.category()).isEqualTo(RefusalCategory.LIMITS);
        assertThat(refused.reason()).isEqualTo("snapshot of 3 segments exceeds the limit of 2"
                + " (setting vault.ingest.max-segments-per-snapshot)");
        assertThat(assembler.accept(segment(1), 2)).isInstanceOf(PartitionAssembler.Step.Skipped.class);
        assertThat(assembler.accept(segment(2), 3)).isInstanceOf(PartitionAssembler.Step.Skipped.class);
        try (var files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void refusesASnapshotBeyondTheOpenLimitAndKeepsTheOthers() throws Exception {
        PartitionAssembler assembler = assembler(
                new ReassemblyLimits(1 << 20, 100, 2, Duration.ofMinutes(1)));
        SnapshotId second = SnapshotId.mint(Clock.systemUTC());
        SnapshotId third = SnapshotId.mint(Clock.systemUTC());
        assembler.accept(segment(0), 1);
        assembler.accept(segment(second, 0), 2);

        var refused = (PartitionAssembler.Step.Refused) assembler.accept(segment(third, 0), 3);

        assertThat(refused.category()).isEqualTo(RefusalCategory.LIMITS);
        assertThat(refused.snapshotId()).isEqualTo(third);
        assertThat(refused.reason()).isEqualTo("more than 2 snapshots open at once on this"
                + " partition (setting vault.ingest.max-open-snapshots-per-partition)");
        assertThat(assembler.accept(segment(third, 1), 4)).isInstanceOf(PartitionAssembler.Step.Skipped.class);
        assembler.accept(segment(1), 5);
        assertThat(assembler.accept(segment(2), 6)).isInstanceOf(PartitionAssembler.Step.Complete.class);
        assertThat(assembler.earliestOpenOffset()).hasValue(2);
    }

    @Test
    void aSnapshotWhoseSegmentsStopArrivingTimesOutFromItsFirstSegment() throws Exception {
        PartitionAssembler assembler = assembler();
        assembler.accept(segment(0), 40);
        nanos.addAndGet(Duration.ofMinutes(9).toNanos());
        assembler.accept(segment(1), 41);

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(assembler.expire()).as("9:59 after the first segment").isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        List<PartitionAssembler.Expired> expired = assembler.expire();

        assertThat(expired).hasSize(1);
        assertThat(expired.getFirst().firstOffset()).isEqualTo(40);
        PartitionAssembler.Step.Refused refusal = expired.getFirst().refusal();
        assertThat(refusal.category()).isEqualTo(RefusalCategory.TIMEOUT);
        assertThat(refusal.snapshotId()).isEqualTo(id);
        assertThat(refusal.reason()).isEqualTo("snapshot incomplete after the reassembly timeout"
                + " of 10 min: 2 of 3 segments arrived (setting vault.ingest.reassembly-timeout)");
        assertThat(assembler.earliestOpenOffset()).isEmpty();
        try (var files = Files.list(spool)) {
            assertThat(files).as("spool dropped").isEmpty();
        }
        assertThat(assembler.accept(segment(2), 42)).as("a late segment")
                .isInstanceOf(PartitionAssembler.Step.Skipped.class);
        assertThat(assembler.expire()).isEmpty();

        assembler.accept(segment(0), 43);
        assembler.accept(segment(1), 44);
        assertThat(assembler.accept(segment(2), 45)).as("republished whole")
                .isInstanceOf(PartitionAssembler.Step.Complete.class);
    }

    @Test
    void onlyTheSnapshotsPastTheTimeoutExpire() throws Exception {
        PartitionAssembler assembler = assembler(
                new ReassemblyLimits(1 << 20, 100, 4, Duration.ofSeconds(30)));
        SnapshotId later = SnapshotId.mint(Clock.systemUTC());
        assembler.accept(segment(0), 1);
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assembler.accept(segment(later, 0), 2);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());

        List<PartitionAssembler.Expired> expired = assembler.expire();

        assertThat(expired).extracting(e -> e.refusal().snapshotId()).containsExactly(id);
        assertThat(expired.getFirst().refusal().reason()).contains("timeout of 30 s: 1 of 3");
        assertThat(assembler.earliestOpenOffset()).hasValue(2);
    }
}
