package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.event.Segment;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
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

    private PartitionAssembler assembler() {
        return new PartitionAssembler(spool, "p0", 1 << 20, 4);
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
        var orphan = (PartitionAssembler.Step.Refused) assembler.accept(segment(1), 3);
        assertThat(orphan.reason())
                .isEqualTo("segment 1 of a snapshot whose first segment never arrived");
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

        PartitionAssembler small = new PartitionAssembler(spool, "p1", 5, 4);
        var tooBig = (PartitionAssembler.Step.Refused) small.accept(segment(0), 1);
        assertThat(tooBig.reason()).isEqualTo("snapshot of 10 bytes exceeds the limit of 5");
    }
}
