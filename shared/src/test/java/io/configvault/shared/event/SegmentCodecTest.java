package io.configvault.shared.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.snapshot.SnapshotId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentCodecTest {

    private static final SnapshotId ID = SnapshotId.parse("01936f4e-8a00-7abc-8def-0123456789ab");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/segment-v1-headers.txt");
    private static final SnapshotId HEARTBEAT_ID =
            SnapshotId.parse("01936f4e-9b00-7def-8abc-0123456789ab");
    private static final Path HEARTBEAT_GOLDEN =
            Path.of("src/test/resources/golden/heartbeat-v1-headers.txt");

    @TempDir
    Path dir;

    @Test
    void headersOfFormatOneMatchTheGoldenVector() throws Exception {
        Segment segment = new Segment("demo-nas", ID, 1, 3, 1_200_000, "c".repeat(64),
                new byte[] {1, 2, 3});
        EncodedRecord record = SegmentCodec.encode(segment);

        String headers = record.headers().stream().map(h -> h.name() + "=" + h.text())
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(headers).isEqualTo(Files.readString(GOLDEN));
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("demo-nas");
        Segment decoded = SegmentCodec.decode(record);
        assertThat(decoded.payload()).containsExactly(1, 2, 3);
        assertThat(decoded.snapshotId()).isEqualTo(ID);
        assertThat(decoded.index()).isEqualTo(1);
        assertThat(decoded.count()).isEqualTo(3);
    }

    @Test
    void headersOfAFormatOneHeartbeatMatchTheGoldenVector() throws Exception {
        Segment heartbeat = new Segment("demo-nas", HEARTBEAT_ID, 0, 1, 812, "d".repeat(64),
                new byte[812], EventKind.HEARTBEAT);
        EncodedRecord record = SegmentCodec.encode(heartbeat);

        assertThat(text(record)).isEqualTo(Files.readString(HEARTBEAT_GOLDEN));
        Segment decoded = SegmentCodec.decode(record);
        assertThat(decoded.kind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(decoded.snapshotId()).isEqualTo(HEARTBEAT_ID);
        assertThat(decoded.isLast()).isTrue();
        assertThat(decoded.payload()).hasSize(812);
    }

    @Test
    void theKindSurvivesTheRoundTripAndDefaultsToSnapshot() throws Exception {
        Segment snapshot = new Segment("demo-nas", ID, 0, 2, 6, "c".repeat(64),
                new byte[] {1, 2, 3});

        assertThat(snapshot.kind()).isEqualTo(EventKind.SNAPSHOT);
        assertThat(SegmentCodec.decode(SegmentCodec.encode(snapshot)).kind())
                .isEqualTo(EventKind.SNAPSHOT);
        assertThat(SegmentCodec.decode(SegmentCodec.encode(new Segment("demo-nas", ID, 0, 1, 3,
                "c".repeat(64), new byte[] {1, 2, 3}, EventKind.HEARTBEAT))).kind())
                .isEqualTo(EventKind.HEARTBEAT);
    }

    @Test
    void rejectsMalformedHeartbeats() {
        EncodedRecord heartbeat = SegmentCodec.encode(new Segment("demo-nas", HEARTBEAT_ID, 0, 1,
                3, "d".repeat(64), new byte[] {1, 2, 3}, EventKind.HEARTBEAT));

        assertThatThrownBy(() -> SegmentCodec.decode(replaced(heartbeat, "cv-segments", "2")))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("Malformed snapshot event: A heartbeat is one segment, not 2");
        assertThatThrownBy(() -> SegmentCodec.decode(replaced(heartbeat, "cv-type", "Heartbeat")))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("Malformed snapshot event: unknown event type 'Heartbeat'");
        assertThatThrownBy(() -> SegmentCodec.decode(replaced(heartbeat, "cv-type", "")))
                .hasMessage("Malformed snapshot event: unknown event type ''");
        assertThatThrownBy(() -> SegmentCodec.decode(without(heartbeat, "cv-type")))
                .hasMessage("Malformed snapshot event: header cv-type is missing");
        assertThatThrownBy(() -> new Segment("demo-nas", HEARTBEAT_ID, 1, 2, 3, "d".repeat(64),
                new byte[] {1}, EventKind.HEARTBEAT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A heartbeat is one segment, not 2");
    }

    @Test
    void aSealedHeartbeatIsOneSegmentOfBoundedSize() throws Exception {
        Path file = Files.write(dir.resolve("heartbeat.pgp"), new byte[1500]);

        SealedSnapshotFile sealed = SealedSnapshotFile.heartbeat(file, "demo-nas", HEARTBEAT_ID);

        assertThat(sealed.kind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(sealed.segmentCount()).isEqualTo(1);
        Segment segment = SegmentCodec.decode(SegmentCodec.encode(sealed.segment(0)));
        assertThat(segment.kind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(segment.payload()).hasSize(1500);
        assertThat(segment.sealedSha256()).isEqualTo(sealed.sha256());

        Path tooLarge = Files.write(dir.resolve("large.pgp"),
                new byte[SegmentCodec.MAX_HEARTBEAT_BYTES + 1]);
        assertThatThrownBy(() -> SealedSnapshotFile.heartbeat(tooLarge, "demo-nas", HEARTBEAT_ID))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("Cannot publish heartbeat " + HEARTBEAT_ID + ": its sealed file has "
                        + (SegmentCodec.MAX_HEARTBEAT_BYTES + 1) + " bytes, not 1 to "
                        + SegmentCodec.MAX_HEARTBEAT_BYTES);
    }

    @Test
    void splitsASealedFileIntoOrderedSegmentsThatConcatenateBack() throws Exception {
        Path file = dir.resolve("sealed");
        byte[] bytes = new byte[1000];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(file, bytes);

        SealedSnapshotFile sealed = SealedSnapshotFile.of(file, "demo-nas", ID, 300);
        assertThat(sealed.segmentCount()).isEqualTo(4);
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < sealed.segmentCount(); i++) {
            Segment segment = SegmentCodec.decode(SegmentCodec.encode(sealed.segment(i)));
            assertThat(segment.sealedBytes()).isEqualTo(1000);
            joined.write(segment.payload());
        }
        assertThat(joined.toByteArray()).isEqualTo(bytes);
        assertThat(sealed.segment(3).isLast()).isTrue();
    }

    @Test
    void rejectsMalformedRecordsWithTheReason() {
        EncodedRecord good = SegmentCodec.encode(
                new Segment("demo-nas", ID, 0, 1, 3, "c".repeat(64), new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> SegmentCodec.decode(without(good, "cv-snapshot")))
                .isInstanceOf(EventFormatException.class)
                .hasMessage("Malformed snapshot event: header cv-snapshot is missing");
        assertThatThrownBy(() -> SegmentCodec.decode(replaced(good, "cv-segment", "1")))
                .hasMessage("Malformed snapshot event: Segment index 1 of 1");
        assertThatThrownBy(() -> SegmentCodec.decode(replaced(good, "cv-segments", "-1")))
                .hasMessage("Malformed snapshot event: header cv-segments is not a decimal number");
        assertThatThrownBy(() -> SegmentCodec.decode(replaced(good, "cv-format", "2")))
                .hasMessage("Malformed snapshot event: unsupported event format '2'");
        assertThatThrownBy(() -> SegmentCodec.decode(replaced(good, "cv-snapshot", "../../x")))
                .hasMessageStartingWith("Malformed snapshot event: Not a snapshot id");
        assertThatThrownBy(() -> SegmentCodec.decode(
                new EncodedRecord("other".getBytes(), good.headers(), good.value())))
                .hasMessage("Malformed snapshot event: record key does not equal the appliance header");
        List<Header> doubled = new ArrayList<>(good.headers());
        doubled.add(Header.of("cv-segment", "0"));
        assertThatThrownBy(() -> SegmentCodec.decode(
                new EncodedRecord(good.key(), doubled, good.value())))
                .hasMessage("Malformed snapshot event: header 'cv-segment' appears twice");
        assertThatThrownBy(() -> SegmentCodec.decode(
                new EncodedRecord(good.key(), good.headers(), new byte[0])))
                .hasMessage("Malformed snapshot event: segment has no payload");
    }

    private static String text(EncodedRecord record) {
        return record.headers().stream().map(h -> h.name() + "=" + h.text())
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static EncodedRecord without(EncodedRecord record, String name) {
        return new EncodedRecord(record.key(), record.headers().stream()
                .filter(h -> !h.name().equals(name)).toList(), record.value());
    }

    private static EncodedRecord replaced(EncodedRecord record, String name, String value) {
        return new EncodedRecord(record.key(), record.headers().stream()
                .map(h -> h.name().equals(name) ? Header.of(name, value) : h).toList(),
                record.value());
    }
}
